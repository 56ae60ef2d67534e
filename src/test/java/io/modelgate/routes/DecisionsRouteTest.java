package io.modelgate.routes;

import static io.modelgate.support.TestJson.decision;
import static io.modelgate.support.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** routes/decisions.camel.yaml: a reviewer's decision file is applied and moved; a bad one is refused. */
class DecisionsRouteTest extends RouteTestSupport {
    @Override
    protected List<String> routeFiles() {
        return List.of("errors", "files", "decisions");
    }

    @Test
    void aDecisionFileIsAppliedAndABadOneMovesToFailedWithTheFieldAtFault() throws Exception {
        database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata) VALUES ('model-d', 'model', 'D',"
                + " '" + object("model_family", "gbm", "framework", "xgboost", "parameter_count", 10,
                "training_data", "t", "evaluation_dataset", "e", "evaluation_metrics", object()) + "')");
        database.execute("INSERT INTO model_versions (artifact_id, promotion_state) VALUES ('model-d', 'candidate')");
        Path decisions = Files.createDirectories(root.resolve("review-queue/decisions"));
        Files.writeString(decisions.resolve("model-d.json"),
                decision("model-d", "reject", "ivy", "duplicate").toString());
        Files.writeString(decisions.resolve("model-e.json"),
                decision("model-e", "reject", "", "n").toString());

        context.getRouteController().startRoute("decisions");
        assertThat(beans.decisionPolls().await(30_000)).isTrue();
        context.getRouteController().stopRoute("decisions");

        assertThat(database.rows("SELECT promotion_state, decided_by FROM model_versions"))
                .containsExactly(List.of("rejected", "reviewer:ivy"));
        assertThat(decisions.resolve(".done/model-d.json")).exists();
        assertThat(Files.readString(decisions.resolve(".failed/model-e.json.error.txt")))
                .startsWith("model-e.json: /reviewer: must name the reviewer");
    }
}
