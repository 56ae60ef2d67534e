package io.modelgate.routes;

import static io.modelgate.support.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.model.Assessment;
import io.modelgate.rules.EnvelopeReader;
import io.modelgate.rules.InputLimits;
import io.modelgate.run.RunResult;
import io.modelgate.support.TestJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.junit.jupiter.api.Test;

/** routes/pipeline.camel.yaml: an inbox artifact is assessed, written, ticketed when held, and reported. */
class PipelineRoutesTest extends RouteTestSupport {
    private static final TestJson VALID = object("model_family", "gbm", "framework", "xgboost", "parameter_count", 10,
            "training_data", "ADNI", "evaluation_dataset", "ADNI holdout", "evaluation_metrics", object("auc", 0.8));

    @Override
    protected List<String> routeFiles() {
        return List.of("errors", "pipeline");
    }

    private Exchange send(String runId, String fileName, String json) throws IOException {
        Assessment assessment = new EnvelopeReader(new InputLimits(1 << 20, 64, 65536))
                .fromFile(runId, fileName, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        return template.send("direct:pipeline", exchange -> {
            exchange.getIn().setBody(assessment);
            exchange.getIn().setHeader("modelgateRunId", runId);
            // the last file of its poll: it does not wait for others to gather
            exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, true);
        });
    }

    @Test
    void aValidArtifactIsPromotedAndAHeldOneGetsATicket() throws Exception {
        String runId = beans.runs().beginAmbient("once");

        Exchange promoted = send(runId, "good.json", object("id", "model-good", "artifact_type", "model",
                "title", "Good", "metadata", VALID).toString());
        Exchange held = send(runId, "odd.json", object("id", "model-odd", "artifact_type", "model",
                "title", "Odd", "metadata", VALID.with("parameter_count", "~1M")).toString());
        RunResult result = beans.runs().finishAmbient(true);

        assertThat(promoted.getException()).isNull();
        assertThat(held.getException()).isNull();
        assertThat(promoted.getIn().getHeader("modelgateChannel")).isEqualTo("promote");
        assertThat(held.getIn().getHeader("modelgateChannel")).isEqualTo("review");
        assertThat(database.rows("SELECT artifact_id, promotion_state FROM model_versions"))
                .containsExactly(List.of("model-good", "promoted"));
        assertThat(root.resolve("review-queue/model-odd.md")).exists();
        assertThat(Files.readString(root.resolve("review-queue/model-odd.md"))).contains("A-UNPARSEABLE");
        assertThat(result.count("promote")).isEqualTo(1);
        assertThat(result.count("review")).isEqualTo(1);
    }
}
