package io.modelgate.routes;

import static io.modelgate.support.TestJson.decision;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelgate.catalog.CatalogException;
import io.modelgate.run.DatabaseAwayException;
import io.modelgate.run.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.model.SetHeaderDefinition;
import org.junit.jupiter.api.Test;

/**
 * routes/errors.camel.yaml: a database failure is retried modelgate.db.retries times, then the
 * input is left where it was and counted as not settled; a DatabaseAwayException leaves it at once.
 */
class ErrorsRouteConfigurationTest extends RouteTestSupport {
    private final AtomicInteger tries = new AtomicInteger();

    @Override
    protected List<String> routeFiles() {
        return List.of("errors", "files", "decisions");
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    private RunResult pollWithFailing(RuntimeException failure) throws Exception {
        // right after the step that ties the file to its run, the database fails
        AdviceWith.adviceWith(context, "decisions", route -> route.weaveByType(SetHeaderDefinition.class).selectFirst()
                .after().process(exchange -> {
                    tries.incrementAndGet();
                    throw failure;
                }));
        context.start();
        Path decisions = Files.createDirectories(root.resolve("review-queue/decisions"));
        Files.writeString(decisions.resolve("model-x.json"),
                decision("model-x", "reject", "joe", "n").toString());
        beans.runs().beginAmbient("once");
        context.getRouteController().startRoute("decisions");
        assertThat(beans.decisionPolls().await(30_000)).isTrue();
        context.getRouteController().stopRoute("decisions");
        RunResult result = beans.runs().finishAmbient(true);
        assertThat(decisions.resolve("model-x.json")).exists();
        return result;
    }

    @Test
    void aDatabaseErrorIsRetriedThenTheFileStaysForTheNextRun() throws Exception {
        // the daemon's meters, read here from a registry of the test's own
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Metrics.addRegistry(meters);
        beans.runs().metrics().turnOn(root.resolve("inbox"));
        try {
            RunResult result = pollWithFailing(new CatalogException("the database is away", null));

            // the first try and modelgate.db.retries (1 here) more
            assertThat(tries.get()).isEqualTo(2);
            assertThat(result.count("unsettled")).isEqualTo(1);
            assertThat(result.succeeded()).isFalse();
            assertThat(meters.get("modelgate.database.retries").counter().count()).isEqualTo(1.0);
            assertThat(meters.get("modelgate.unsettled").counter().count()).isEqualTo(1.0);
        } finally {
            Metrics.removeRegistry(meters);
        }
    }

    @Test
    void aDatabaseThatFailedMomentsAgoLeavesTheFileAtOnce() throws Exception {
        RunResult result = pollWithFailing(new DatabaseAwayException("the database failed after its retries moments ago"));

        assertThat(tries.get()).isEqualTo(1);
        assertThat(result.count("unsettled")).isEqualTo(1);
    }
}
