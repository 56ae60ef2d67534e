package io.modelgate.scan;

import static io.modelgate.support.TestJson.VALID_METADATA;
import static io.modelgate.support.TestJson.model;
import static io.modelgate.support.TestJson.object;
import static io.modelgate.support.TestJson.validMetadata;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelgate.inbox.InboxTestFiles;
import io.modelgate.model.Json;
import io.modelgate.run.RunResult;
import io.modelgate.support.PipelineHarness;
import io.modelgate.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan assesses a row again only when its input, the rules, the artifacts it refers to or its
 * model_versions row changed since it was last settled; every other row is reported from its
 * record, its ticket left as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SettledScanTest {
    private static final String HELD_METADATA = validMetadata(object("auc", 0.8)).with("parameter_count", "~1M")
            .toString();
    private static final String BASED_METADATA = VALID_METADATA.with("base_model_id", "model-base")
            .with("evaluation_metrics", object("auc", 0.8)).toString();

    @TempDir
    Path root;
    private TestDatabase database;
    private PipelineHarness harness;

    @BeforeAll
    void start() {
        database = TestDatabase.start();
    }

    @AfterAll
    void stop() {
        database.close();
    }

    @BeforeEach
    void threeArtifacts() {
        harness = new PipelineHarness(database, root);
        database.truncateAll();
        insert("model-good", InboxTestFiles.promotableMetadata());
        insert("model-held", HELD_METADATA);
        // metadata that is not an object: the row fails, nothing is written
        insert("model-broken", "[1, 2]");
    }

    private void insert(String id, String metadata) {
        database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata) VALUES ('" + id + "', 'model', 'Model "
                + id + "', '" + metadata + "')");
    }

    private static Map<String, JsonNode> byId(RunResult run) throws IOException {
        Map<String, JsonNode> artifacts = new HashMap<>();
        for (JsonNode artifact : Json.parse(Files.readString(run.summary())).get("artifacts")) {
            artifacts.put(artifact.get("id").asText(), artifact);
        }
        return artifacts;
    }

    @Test
    void anUnchangedBackfillReportsEveryArtifactFromItsRecordAndLeavesTheTicketAsItIs() throws IOException {
        RunResult first = harness.backfill();
        assertThat(first.countsLine()).startsWith("promote 1, candidate 0, review 1, failed 1");
        Path ticket = harness.reviewQueue().resolve("model-held.md");
        Files.writeString(ticket, "\nread by a reviewer\n", java.nio.file.StandardOpenOption.APPEND);
        int events = database.count("SELECT count(*) FROM model_version_events");

        RunResult second = harness.backfill();

        assertThat(second.countsLine()).startsWith("promote 1, candidate 0, review 1, failed 1 (unchanged 2)");
        assertThat(Files.readString(ticket)).endsWith("read by a reviewer\n");
        assertThat(database.count("SELECT count(*) FROM model_version_events")).isEqualTo(events);
        Map<String, JsonNode> summary = byId(second);
        assertThat(summary).hasSize(3);
        assertThat(summary.get("model-good").get("change").asText()).isEqualTo("unchanged");
        assertThat(summary.get("model-good").get("promotion_state").asText()).isEqualTo("promoted");
        assertThat(summary.get("model-held").get("channel").asText()).isEqualTo("review");
        assertThat(summary.get("model-held").get("reasons").get(0).get("code").asText()).isEqualTo("A-UNPARSEABLE");
        assertThat(summary.get("model-held").get("errors").get(0).get("path").asText()).isEqualTo("/parameter_count");
        assertThat(summary.get("model-broken").get("channel").asText()).isEqualTo("failed");
        assertThat(summary.get("model-broken").get("reasons").get(0).get("code").asText()).isEqualTo("E-ENVELOPE");

        String report = Files.readString(second.report());
        assertThat(report).contains("2 of them needed no write (unchanged since the last run): promote 1, review 1.")
                .contains("None held anew; 1 held earlier and unchanged since")
                .doesNotContain("| `model-good` |").doesNotContain("| `model-held` |")
                .contains("`model-broken`");
    }

    @Test
    void aChangedRowOrAChangedPolicyIsAssessedAgain() throws IOException {
        harness.set("modelgate.policy.eval-gate-families", "boosting");
        RunResult gated = harness.backfill();
        assertThat(byId(gated).get("model-good").get("channel").asText()).isEqualTo("candidate");
        database.execute("UPDATE artifacts SET metadata = jsonb_set(metadata, '{evaluation_metrics,auc}', '0.9'),"
                + " updated_at = now() WHERE id = 'model-good'");

        RunResult changedRow = harness.backfill();

        assertThat(byId(changedRow).get("model-good").get("change").asText()).isEqualTo("updated");
        assertThat(byId(changedRow).get("model-held").get("change").asText()).isEqualTo("unchanged");

        harness.set("modelgate.policy.eval-gate-families", "ode");
        RunResult changedPolicy = harness.backfill();

        assertThat(byId(changedPolicy).get("model-good").get("channel").asText()).isEqualTo("promote");
        assertThat(byId(changedPolicy).get("model-good").get("change").asText()).isEqualTo("updated");
        assertThat(database.single("SELECT promotion_state FROM model_versions WHERE artifact_id = 'model-good'"))
                .isEqualTo("promoted");
    }

    @Test
    void aReferencedArtifactThatAppearsReleasesTheHold() throws IOException {
        insert("model-based", BASED_METADATA);
        RunResult held = harness.backfill();
        assertThat(byId(held).get("model-based").get("reasons").get(0).get("code").asText()).isEqualTo("A-REF");

        database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata) VALUES ('model-base', 'dataset',"
                + " 'Base', '{}')");
        RunResult released = harness.backfill();

        assertThat(byId(released).get("model-based").get("channel").asText()).isEqualTo("promote");
        assertThat(database.single("SELECT base_model_id FROM model_versions WHERE artifact_id = 'model-based'"))
                .isEqualTo("model-base");
    }

    @Test
    void aRowChangedByHandIsAssessedAgainOrReportedAsItStands() throws IOException {
        harness.backfill();
        database.execute("DELETE FROM model_versions WHERE artifact_id = 'model-good'");

        RunResult rewritten = harness.backfill();

        assertThat(byId(rewritten).get("model-good").get("change").asText()).isEqualTo("inserted");

        database.execute("UPDATE model_versions SET promotion_state = 'rejected', decided_by = 'reviewer:alice'"
                + " WHERE artifact_id = 'model-good'");
        RunResult rejected = harness.backfill();

        // the input is as before: the row stands as the reviewer decided it, and nothing is held
        JsonNode good = byId(rejected).get("model-good");
        assertThat(good.get("channel").asText()).isEqualTo("decided");
        assertThat(good.get("promotion_state").asText()).isEqualTo("rejected");
        assertThat(good.get("reasons").toString()).contains("R-PROTECTED");
        assertThat(rejected.count("decided")).isEqualTo(1);
        assertThat(harness.reviewQueue().resolve("model-good.md")).doesNotExist();
    }

    @Test
    void aLostRecordIsMadeAgainByTheNextScanWithoutAWrite() throws IOException {
        harness.backfill();
        // as if the process had died after settling a batch but before recording it
        database.execute("DELETE FROM artifact_assessments");
        int events = database.count("SELECT count(*) FROM model_version_events");

        RunResult again = harness.backfill();

        assertThat(again.countsLine()).startsWith("promote 1, candidate 0, review 1, failed 1 (unchanged 2)");
        assertThat(database.count("SELECT count(*) FROM model_version_events")).isEqualTo(events);
        assertThat(database.count("SELECT count(*) FROM artifact_assessments")).isEqualTo(3);
    }

    @Test
    void aRescanOfAnExternalModelTheInboxRegisteredWithoutAnOriginTypeIsUnchanged() throws IOException {
        Path inbox = Files.createDirectories(harness.inbox());
        // external by its metadata alone: the file has no top-level origin_type
        Files.writeString(inbox.resolve("ext.json"), model("model-ext", VALID_METADATA.with("is_external", true)
                .with("external_source_url", "https://huggingface.co/org/model").with("external_source_version", "0123abcd")
                .with("evaluation_metrics", object("auc", 0.9))).toString());
        assertThat(byId(harness.once()).get("model-ext").path("change").asText()).isEqualTo("inserted");
        // the row says what the file said, not the column's default
        assertThat(database.single("SELECT origin_type FROM artifacts WHERE id = 'model-ext'")).isEqualTo("external");
        // what the pipeline would assess again reads the same: no memo of the first run to lean on
        database.execute("DELETE FROM artifact_assessments");

        RunResult rescan = harness.once();

        JsonNode ext = byId(rescan).get("model-ext");
        assertThat(ext.path("channel").asText()).isEqualTo("promote");
        assertThat(ext.path("change").asText()).isEqualTo("unchanged");
        assertThat(harness.reviewQueue().resolve("model-ext.json")).doesNotExist();
        assertThat(database.count("SELECT count(*) FROM model_version_events WHERE artifact_id = 'model-ext'")).isEqualTo(1);
    }

    @Test
    void aRunThatChangedNothingListsNoArtifactsAndPrintsNoEmptyTable() throws IOException {
        // a failed row is listed at every run: this run has none
        database.execute("DELETE FROM artifacts WHERE id = 'model-broken'");
        harness.backfill();

        RunResult again = harness.backfill();

        String report = Files.readString(again.report());
        assertThat(report).contains("2 of them needed no write (unchanged since the last run): promote 1, review 1.")
                .doesNotContain("## Artifacts").doesNotContain("| id | title |").doesNotContain("None.");
    }
}
