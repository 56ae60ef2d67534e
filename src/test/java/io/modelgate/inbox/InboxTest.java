package io.modelgate.inbox;

import static io.modelgate.support.TestJson.envelope;
import static io.modelgate.support.TestJson.model;
import static io.modelgate.support.TestJson.object;
import static io.modelgate.support.TestJson.validMetadata;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.catalog.ModelCatalog;
import io.modelgate.catalog.Registration;
import io.modelgate.model.Json;
import io.modelgate.model.PromotionState;
import io.modelgate.rules.MetadataValidator;
import io.modelgate.rules.ModelVersionExtractor;
import io.modelgate.run.RunResult;
import io.modelgate.support.PipelineHarness;
import io.modelgate.support.TestDatabase;
import io.modelgate.support.TestJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Files dropped into the inbox and one `run --once`: every channel and every reason code. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class InboxTest {
    @TempDir
    static Path root;
    private TestDatabase database;
    private PipelineHarness harness;
    private RunResult result;
    private JsonNode summary;
    private final Map<String, JsonNode> byFile = new HashMap<>();

    @BeforeAll
    void dropFilesAndRunOnce() throws IOException {
        database = TestDatabase.start();
        harness = new PipelineHarness(database, root);
        protectedRowDecidedByAReviewer();
        Path inbox = Files.createDirectories(harness.inbox());
        write(inbox, "promote.json", model("model-promote", validMetadata(object("auc", "0.8"))
                .with("code_url", "https://github.com/lab/gbm/blob/0123abcd/fit.py")));
        write(inbox, "no-metrics.json", model("model-no-metrics", validMetadata(object())));
        write(inbox, "ode.json", model("model-ode", object("model_family", "mechanistic ODE", "framework", "scipy",
                "parameter_count", 9, "training_data", "t", "evaluation_dataset", "e",
                "evaluation_metrics", object("rmse", 0.1))));
        write(inbox, "conflict.json", model("model-conflict", validMetadata(object("auc", 0.8))
                .with("library", "catboost")));
        write(inbox, "unparseable.json", model("model-unparseable", object("model_family", "mlp", "framework", "jax",
                "n_params", "~1M", "training_data", "t", "evaluation_dataset", "e",
                "evaluation_metrics", object("auc", 0.8))));
        write(inbox, "schema.json", envelope("model-schema").with("origin_type", "external")
                .with("origin_url", "https://huggingface.co/org/model").with("metadata", validMetadata(object())));
        write(inbox, "ref.json", model("model-ref", validMetadata(object("auc", 0.8))
                .with("base_model", "model-that-does-not-exist")));
        write(inbox, "unpinned.json", envelope("model-unpinned").with("origin_type", "external")
                .with("origin_url", "https://huggingface.co/org/model")
                .with("metadata", validMetadata(object()).with("hf_revision", "main")));
        write(inbox, "protected.json", model("model-protected", validMetadata(object("auc", 0.9))
                .with("trained_by", "someone-new")));
        write(inbox, "not-a-model.json", object("id", "dataset-x", "artifact_type", "dataset", "title", "X",
                "metadata", object()));
        write(inbox, "bad id.json", object("id", "../../etc/passwd", "artifact_type", "model", "title", "T",
                "metadata", object()));
        // broken, empty or deeper than the limit: raw text
        write(inbox, "broken.json", "{\"id\": \"model-broken\", \"metadata\": {");
        write(inbox, "empty.json", "");
        write(inbox, "deep.json", "{\"id\": \"model-deep\", \"artifact_type\": \"model\", \"title\": \"D\", \"metadata\": "
                + "{\"x\": ".repeat(70) + "1" + "}".repeat(70) + "}");
        for (String ignored : List.of(".hidden.json", "upload.json.tmp", "upload.json.part", "notes.txt")) {
            write(inbox, ignored, model("model-ignored", object()));
        }

        result = harness.once();
        summary = Json.parse(Files.readString(result.summary()));
        for (JsonNode artifact : summary.get("artifacts")) {
            String key = artifact.get("id").isNull() ? artifact.get("file").asText() : artifact.get("id").asText();
            byFile.put(key, artifact);
        }
    }

    private void protectedRowDecidedByAReviewer() {
        ModelCatalog catalog = new ModelCatalog(database.dataSource(), new MetadataValidator());
        ObjectNode metadata = validMetadata(object("auc", 0.9)).node();
        ObjectNode document = model("model-protected", validMetadata(object("auc", 0.9))).node();
        catalog.registerModel(new Registration("model-protected", "Model model-protected", document, metadata,
                new ModelVersionExtractor().extract(metadata), PromotionState.CANDIDATE, List.of(), false, "setup"));
        database.execute("UPDATE model_versions SET promotion_state = 'rejected', decided_by = 'reviewer:alice'"
                + " WHERE artifact_id = 'model-protected'");
        // an earlier scan, an hour ago, has seen this row (last changed yesterday): only the inbox brings it again
        database.execute("UPDATE artifacts SET updated_at = now() - interval '1 day' WHERE id = 'model-protected'");
        database.execute("INSERT INTO etl_runs (id, mode, status, scanned_through)"
                + " VALUES ('setup', 'scan', 'succeeded', now() - interval '1 hour')");
    }

    private static void write(Path inbox, String name, String content) throws IOException {
        Files.writeString(inbox.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static void write(Path inbox, String name, TestJson content) throws IOException {
        write(inbox, name, content.toString());
    }

    @AfterAll
    void stop() {
        database.close();
    }

    private String channel(String key) {
        return byFile.get(key).get("channel").asText();
    }

    private List<String> codes(String key) {
        List<String> codes = new ArrayList<>();
        byFile.get(key).get("reasons").forEach(r -> codes.add(r.get("code").asText()));
        return codes;
    }

    @Test
    void everyReasonCodeIsReachedThroughTheInbox() {
        assertThat(channel("model-promote")).isEqualTo("promote");
        assertThat(codes("model-no-metrics")).contains("G-NO-METRICS", "N-NO-CODE-PIN");
        assertThat(channel("model-no-metrics")).isEqualTo("candidate");
        assertThat(codes("model-ode")).contains("G-EVAL-PENDING");
        assertThat(codes("model-conflict")).contains("A-CONFLICT");
        assertThat(codes("model-unparseable")).contains("A-UNPARSEABLE");
        assertThat(codes("model-schema")).contains("V-SCHEMA");
        assertThat(codes("model-ref")).contains("A-REF");
        assertThat(codes("model-unpinned")).contains("A-UNPINNED");
        assertThat(codes("model-protected")).contains("R-PROTECTED");
        assertThat(codes("broken.json")).containsExactly("E-PARSE");
        assertThat(codes("empty.json")).containsExactly("E-PARSE");
        assertThat(codes("dataset-x")).containsExactly("E-ENVELOPE");
        assertThat(codes("deep.json")).containsExactly("E-LIMIT");
        assertThat(codes("bad id.json")).containsExactly("E-ENVELOPE");
        for (String held : List.of("model-conflict", "model-unparseable", "model-schema", "model-ref", "model-unpinned",
                "model-protected")) {
            assertThat(channel(held)).as(held).isEqualTo("review");
        }
    }

    @Test
    void countsCountEveryArtifactInItsChannel() {
        JsonNode counts = summary.get("counts");
        assertThat(counts.get("promote").asInt()).isEqualTo(1);
        assertThat(counts.get("candidate").asInt()).isEqualTo(2);
        assertThat(counts.get("review").asInt()).isEqualTo(6);
        assertThat(counts.get("failed").asInt()).isEqualTo(5);
        assertThat(summary.get("mode").asText()).isEqualTo("once");
        assertThat(summary.get("artifacts")).hasSize(14);
        assertThat(result.count("failed")).isEqualTo(5);
    }

    @Test
    void eachFileEndsInExactlyOnePlaceAndIgnoredNamesAreLeftAlone() {
        Path inbox = harness.inbox();
        for (String done : List.of("promote.json", "no-metrics.json", "ode.json", "conflict.json", "unparseable.json",
                "schema.json", "ref.json", "unpinned.json", "protected.json")) {
            assertThat(inbox.resolve(".done").resolve(done)).as(done).exists();
            assertThat(inbox.resolve(done)).doesNotExist();
            assertThat(inbox.resolve(".failed").resolve(done)).doesNotExist();
        }
        for (String failed : List.of("broken.json", "not-a-model.json", "deep.json", "bad id.json", "empty.json")) {
            assertThat(inbox.resolve(".failed").resolve(failed)).as(failed).exists();
            assertThat(inbox.resolve(".failed").resolve(failed + ".error.txt")).exists();
            assertThat(inbox.resolve(failed)).doesNotExist();
            assertThat(inbox.resolve(".done").resolve(failed)).doesNotExist();
        }
        for (String ignored : List.of(".hidden.json", "upload.json.tmp", "upload.json.part", "notes.txt")) {
            assertThat(inbox.resolve(ignored)).as(ignored).exists();
        }
    }

    @Test
    void anErrorFileNamesTheFileTheFieldAndTheReason() throws IOException {
        String error = Files.readString(harness.inbox().resolve(".failed/not-a-model.json.error.txt"));
        assertThat(error).contains("not-a-model.json").contains("E-ENVELOPE").contains("/artifact_type")
                .contains("artifact_type must be \"model\", got \"dataset\"").doesNotContain("Exception");
        assertThat(Files.readString(harness.inbox().resolve(".failed/broken.json.error.txt")))
                .contains("broken.json: E-PARSE: the file is not valid UTF-8 JSON");
    }

    @Test
    void registeredFilesBecomeRowsAndHeldOnesRegisterNothing() {
        assertThat(database.rows("SELECT artifact_id, promotion_state, code_commit_sha FROM model_versions"
                + " WHERE artifact_id = 'model-promote'")).containsExactly(List.of("model-promote", "promoted", "0123abcd"));
        assertThat(database.single("SELECT promotion_state FROM model_versions WHERE artifact_id = 'model-ode'"))
                .isEqualTo("candidate");
        assertThat(database.count("SELECT count(*) FROM artifacts WHERE id IN ('model-conflict', 'model-unparseable',"
                + " 'model-schema', 'model-ref', 'model-unpinned', 'model-broken', 'model-deep')")).isZero();
        assertThat(database.rows("SELECT promotion_state, decided_by FROM model_versions WHERE artifact_id = 'model-protected'"))
                .containsExactly(List.of("rejected", "reviewer:alice"));
        assertThat(database.count("SELECT count(*) FROM model_version_events WHERE artifact_id = 'model-protected'"))
                .isEqualTo(1);
    }

    @Test
    void aHeldArtifactGetsATicketAReviewerCanActOn() throws IOException {
        Path queue = harness.reviewQueue();
        for (String held : List.of("model-conflict", "model-unparseable", "model-schema", "model-ref", "model-unpinned",
                "model-protected")) {
            assertThat(queue.resolve(held + ".json")).as(held).exists();
            assertThat(queue.resolve(held + ".md")).exists();
        }
        JsonNode ticket = Json.parse(Files.readString(queue.resolve("model-schema.json")));
        assertThat(ticket.get("id").asText()).isEqualTo("model-schema");
        assertThat(ticket.get("source").asText()).isEqualTo("inbox");
        assertThat(ticket.get("run_id").asText()).isEqualTo(result.runId());
        assertThat(ticket.get("errors").get(0).get("path").asText()).isEqualTo("/external_source_version");
        assertThat(ticket.get("document").get("origin_type").asText()).isEqualTo("external");
        assertThat(ticket.get("normalized_metadata").get("is_external").asBoolean()).isTrue();
        assertThat(ticket.get("how_to_resolve")).isNotEmpty();
        String markdown = Files.readString(queue.resolve("model-schema.md"));
        assertThat(markdown).contains("## Why it is held").contains("V-SCHEMA")
                .contains("`/external_source_version`")
                .contains("an external model must name the exact upstream version (HF revision, git SHA, Zenodo version)")
                .contains("## How to resolve").doesNotContain("one and only one");
        assertThat(queue.resolve("model-promote.json")).doesNotExist();
        // reviewers in other accounts can read the queue
        assertThat(Files.getPosixFilePermissions(queue.resolve("model-schema.md")))
                .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
    }

    @Test
    void theReportListsRowsByIdWithHeldItemsNormalizationsAndFailedInputs() throws IOException {
        String report = Files.readString(result.report());
        assertThat(report).contains("- mode: once").contains("| review | 6 |").contains("| failed | 5 |");
        int conflict = report.indexOf("| `model-conflict`");
        int promote = report.indexOf("| `model-promote`");
        int unpinned = report.indexOf("| `model-unpinned`");
        assertThat(conflict).isPositive().isLessThan(promote);
        assertThat(promote).isLessThan(unpinned);
        assertThat(report).contains("### `model-schema` Model model-schema")
                .contains("- ticket: `" + harness.reviewQueue().resolve("model-schema.md") + "`")
                .contains("| `/framework` | metadata has both framework = \"lightgbm\" and library = \"catboost\"")
                .contains("`code_url=\"https://github.com/lab/gbm/blob/0123abcd/fit.py\" -> code_repo_url=\"https://github.com/lab/gbm\"`")
                .contains("| `broken.json` | none | E-PARSE:")
                .contains("| (none: `broken.json`)");
        JsonNode broken = byFile.get("broken.json");
        assertThat(broken.get("id").isNull()).isTrue();
        assertThat(broken.get("source").asText()).isEqualTo("inbox");
        assertThat(broken.get("change").asText()).isEqualTo("none");
    }

    @Test
    void aSecondRunFindsNothingNewAndWritesNothing() {
        int events = database.count("SELECT count(*) FROM model_version_events");

        RunResult again = harness.once();

        assertThat(again.count("failed")).isZero();
        assertThat(again.count("promote") + again.count("candidate")).isEqualTo(again.count("unchanged"));
        assertThat(database.count("SELECT count(*) FROM model_version_events")).isEqualTo(events);
        assertThat(harness.inbox().resolve(".hidden.json")).exists();
    }
}
