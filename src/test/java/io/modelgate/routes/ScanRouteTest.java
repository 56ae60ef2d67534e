package io.modelgate.routes;

import static io.modelgate.support.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.run.RunResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** routes/scan.camel.yaml: a backfill reads every model artifact in batches; a second one finds them settled. */
class ScanRouteTest extends RouteTestSupport {
    @Override
    protected List<String> routeFiles() {
        return List.of("errors", "scan", "pipeline");
    }

    private RunResult backfill() {
        beans.runs().beginAmbient("backfill");
        template.sendBodyAndHeaders("direct:scan", null, Map.of("modelgateFullScan", true));
        return beans.runs().finishAmbient(true);
    }

    @Test
    void aBackfillWritesEachModelOnceAndTheNextFindsThemSettled() {
        for (int i = 0; i < 450; i++) {
            database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata) VALUES ('model-s" + i
                    + "', 'model', 'S', '" + object("model_family", "gbm", "framework", "xgboost", "parameter_count", i,
                    "training_data", "t", "evaluation_dataset", "e", "evaluation_metrics", object("auc", 0.8)) + "')");
        }
        database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata) VALUES ('paper-1', 'paper', 'P', '{}')");

        RunResult first = backfill();
        RunResult second = backfill();

        assertThat(first.count("promote")).isEqualTo(450);
        assertThat(first.count("unchanged")).isZero();
        assertThat(database.count("SELECT count(*) FROM model_version_events")).isEqualTo(450);
        assertThat(second.count("promote")).isEqualTo(450);
        assertThat(second.count("unchanged")).isEqualTo(450);
        assertThat(database.count("SELECT count(*) FROM etl_runs WHERE status = 'succeeded'")).isEqualTo(2);
    }
}
