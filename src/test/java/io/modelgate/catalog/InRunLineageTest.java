package io.modelgate.catalog;

import static io.modelgate.support.TestJson.VALID_METADATA;
import static io.modelgate.support.TestJson.envelope;
import static io.modelgate.support.TestJson.model;
import static io.modelgate.support.TestJson.object;
import static io.modelgate.support.TestJson.validMetadata;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelgate.inbox.InboxTestFiles;
import io.modelgate.model.Json;
import io.modelgate.run.RunResult;
import io.modelgate.support.DatabaseServer;
import io.modelgate.support.PipelineHarness;
import io.modelgate.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Inbox files of one drop that name each other: resolved within the run, the older first. */
class InRunLineageTest {
    /** One server for the class; each test takes an empty database of its own on it. */
    @RegisterExtension
    static final DatabaseServer SERVER = new DatabaseServer();

    @TempDir
    Path root;

    private static String fineTune(String id, String base) {
        return model(id, VALID_METADATA.with("base_model_id", base).with("evaluation_metrics", object("auc", 0.9)))
                .toString();
    }

    private static String version(String id, String parent, double auc) {
        return envelope(id).with("parent_version_id", parent).with("metadata", validMetadata(object("auc", auc)))
                .toString();
    }

    private static JsonNode summaryRow(RunResult run, String id) throws Exception {
        for (JsonNode row : Json.parse(Files.readString(run.summary())).get("artifacts")) {
            if (id.equals(row.path("id").asText())) {
                return row;
            }
        }
        throw new AssertionError(id + " is not in the summary");
    }

    @Test
    void aFineTuneDroppedWithItsBaseModelIsRegisteredInTheSameRunAfterIt() throws Exception {
        try (TestDatabase database = SERVER.freshDatabase()) {
            PipelineHarness harness = new PipelineHarness(database, root);
            Path inbox = Files.createDirectories(harness.inbox());
            // the fine-tune's file comes first by name
            Files.writeString(inbox.resolve("a-finetune.json"), fineTune("model-ft", "model-base"));
            Files.writeString(inbox.resolve("b-base.json"), InboxTestFiles.promotable("model-base"));

            RunResult run = harness.once();

            assertThat(summaryRow(run, "model-ft").get("channel").asText()).isEqualTo("promote");
            assertThat(summaryRow(run, "model-ft").get("reasons").toString()).doesNotContain("A-REF");
            assertThat(database.rows("SELECT artifact_id, promotion_state, base_model_id FROM model_versions"
                    + " ORDER BY artifact_id")).containsExactly(java.util.Arrays.asList("model-base", "promoted", null),
                    List.of("model-ft", "promoted", "model-base"));
            assertThat(database.rows("SELECT artifact_id FROM model_version_events ORDER BY id"))
                    .containsExactly(List.of("model-base"), List.of("model-ft"));
        }
    }

    @Test
    void aFineTuneWhoseBaseModelInTheSameDropIsHeldIsHeldAsWell() throws Exception {
        try (TestDatabase database = SERVER.freshDatabase()) {
            PipelineHarness harness = new PipelineHarness(database, root);
            Path inbox = Files.createDirectories(harness.inbox());
            Files.writeString(inbox.resolve("a-finetune.json"), fineTune("model-ft", "model-base"));
            // the base model cannot be registered: its parameter count does not convert exactly
            Files.writeString(inbox.resolve("b-base.json"), model("model-base",
                    validMetadata(object("auc", 0.8)).with("parameter_count", "~5k")).toString());

            RunResult run = harness.once();

            JsonNode fineTune = summaryRow(run, "model-ft");
            assertThat(fineTune.get("channel").asText()).isEqualTo("review");
            assertThat(fineTune.get("reasons").toString()).contains("A-REF").contains("came in the same run");
            assertThat(database.count("SELECT count(*) FROM artifacts")).isZero();
            assertThat(database.count("SELECT count(*) FROM held_inbox_documents")).isEqualTo(2);
        }
    }

    @Test
    void versionsOfALineageDroppedTogetherLeaveTheNewestPromotedAndTheOlderSuperseded() throws Exception {
        try (TestDatabase database = SERVER.freshDatabase()) {
            PipelineHarness harness = new PipelineHarness(database, root);
            Path inbox = Files.createDirectories(harness.inbox());
            // the newer version's file comes first by name
            Files.writeString(inbox.resolve("a-seg-v2.json"), version("seg-v2", "seg-v1", 0.9));
            Files.writeString(inbox.resolve("b-seg-v1.json"), InboxTestFiles.promotable("seg-v1"));

            RunResult run = harness.once();

            assertThat(database.rows("SELECT artifact_id, promotion_state FROM model_versions ORDER BY artifact_id"))
                    .containsExactly(List.of("seg-v1", "superseded"), List.of("seg-v2", "promoted"));
            assertThat(summaryRow(run, "seg-v1").get("promotion_state").asText()).isEqualTo("superseded");
            assertThat(summaryRow(run, "seg-v2").get("promotion_state").asText()).isEqualTo("promoted");
            assertThat(database.rows("SELECT artifact_id, event, to_state FROM model_version_events ORDER BY id"))
                    .containsExactly(List.of("seg-v1", "registered", "promoted"),
                            List.of("seg-v1", "superseded", "superseded"), List.of("seg-v2", "registered", "promoted"));
        }
    }

    @Test
    void aNewerVersionIsHeldForItsLineageWhereAReviewerPromotedTheOlderOne() throws Exception {
        try (TestDatabase database = SERVER.freshDatabase()) {
            PipelineHarness harness = new PipelineHarness(database, root);
            Path inbox = Files.createDirectories(harness.inbox());
            Files.writeString(inbox.resolve("seg-v1.json"), InboxTestFiles.promotable("seg-v1"));
            harness.once();
            database.execute("UPDATE model_versions SET decided_by = 'reviewer:ann' WHERE artifact_id = 'seg-v1'");
            Files.writeString(inbox.resolve("seg-v2.json"), version("seg-v2", "seg-v1", 0.9));

            RunResult run = harness.once();

            JsonNode held = summaryRow(run, "seg-v2");
            assertThat(held.get("channel").asText()).isEqualTo("review");
            assertThat(held.get("reasons").toString()).contains("R-LINEAGE");
            assertThat(database.single("SELECT reasons::text FROM held_inbox_documents WHERE artifact_id = 'seg-v2'"))
                    .contains("R-LINEAGE");
            assertThat(Files.readString(harness.reviewQueue().resolve("seg-v2.md")))
                    .contains("modelgate review decide seg-v2 --promote");
            assertThat(database.rows("SELECT artifact_id, promotion_state FROM model_versions"))
                    .containsExactly(List.of("seg-v1", "promoted"));
        }
    }

    @Test
    void aBackfillOfTwoVersionsOfALineageLeavesTheNewerPromotedAndASecondOneWritesNothing() throws Exception {
        try (TestDatabase database = SERVER.freshDatabase()) {
            PipelineHarness harness = new PipelineHarness(database, root);
            String metadata = InboxTestFiles.promotableMetadata();
            database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata, superseded_by) VALUES"
                    + " ('seg-a', 'model', 'Seg', '" + metadata + "', 'seg-b'),"
                    + " ('seg-b', 'model', 'Seg', '" + metadata + "', NULL)");

            RunResult first = harness.backfill();
            RunResult second = harness.backfill();

            assertThat(database.rows("SELECT artifact_id, promotion_state FROM model_versions ORDER BY artifact_id"))
                    .containsExactly(List.of("seg-a", "superseded"), List.of("seg-b", "promoted"));
            assertThat(summaryRow(first, "seg-a").get("promotion_state").asText()).isEqualTo("superseded");
            assertThat(second.count("unchanged")).isEqualTo(1);
            assertThat(second.count("decided")).isEqualTo(1);
            assertThat(database.count("SELECT count(*) FROM model_version_events")).isEqualTo(3);
        }
    }
}
