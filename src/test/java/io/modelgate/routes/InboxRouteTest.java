package io.modelgate.routes;

import static io.modelgate.support.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.run.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** routes/inbox.camel.yaml: a poll's files are claimed, read, settled and moved, each to one place. */
class InboxRouteTest extends RouteTestSupport {
    @Override
    protected List<String> routeFiles() {
        return List.of("errors", "files", "inbox", "pipeline");
    }

    @Test
    void aPollMovesAReadableFileToDoneAndAnUnreadableOneToFailedWithItsReason() throws Exception {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Files.writeString(inbox.resolve("good.json"), object("id", "model-in", "artifact_type", "model", "title", "In",
                "metadata", object("model_family", "gbm", "framework", "xgboost", "parameter_count", 10,
                        "training_data", "t", "evaluation_dataset", "e", "evaluation_metrics", object("auc", 0.8)))
                .toString());
        // broken: raw text
        Files.writeString(inbox.resolve("broken.json"), "{\"id\": ");
        Files.writeString(inbox.resolve(".hidden.json"), "{}");
        beans.runs().beginAmbient("once");

        context.getRouteController().startRoute("inbox");
        assertThat(beans.inboxPolls().await(30_000)).isTrue();
        context.getRouteController().stopRoute("inbox");
        RunResult result = beans.runs().finishAmbient(true);

        assertThat(inbox.resolve(".done/good.json")).exists();
        assertThat(inbox.resolve(".failed/broken.json")).exists();
        assertThat(Files.readString(inbox.resolve(".failed/broken.json.error.txt"))).startsWith("broken.json: E-PARSE: ");
        assertThat(inbox.resolve(".hidden.json")).exists();
        assertThat(result.count("promote")).isEqualTo(1);
        assertThat(result.count("failed")).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM model_versions")).isEqualTo(1);
    }
}
