package io.modelgate.review;

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
import io.modelgate.support.TestJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A held artifact from the database and from the inbox, through to its resolution. */
class ReviewFlowTest {
    /** One server for the class; each test takes an empty database of its own on it. */
    @RegisterExtension
    static final DatabaseServer SERVER = new DatabaseServer();

    @TempDir
    Path root;

    @Test
    void aHeldDatabaseArtifactGetsACandidateRowItsMetadataStaysAndItsTicketClosesWhenFixed() throws Exception {
        try (TestDatabase database = SERVER.freshDatabase()) {
            PipelineHarness harness = new PipelineHarness(database, root);
            TestJson legacy = object("architecture", "cnn", "framework", "keras", "n_params", "~2M",
                    "training_data", "t", "evaluation_dataset", "e", "evaluation_metrics", object("auc", 0.7));
            database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata) VALUES ('model-held', 'model',"
                    + " 'Held one', '" + legacy + "')");

            RunResult held = harness.backfill();

            assertThat(held.count("review")).isEqualTo(1);
            assertThat(database.rows("SELECT promotion_state, left(promotion_notes, 30) FROM model_versions"))
                    .containsExactly(List.of("candidate", "held for review: A-UNPARSEABLE"));
            assertThat(Json.parse(database.single("SELECT metadata::text FROM artifacts WHERE id = 'model-held'"))
                    .get("n_params").asText()).isEqualTo("~2M");
            JsonNode ticket = Json.parse(Files.readString(harness.reviewQueue().resolve("model-held.json")));
            assertThat(ticket.get("source").asText()).isEqualTo("db");
            assertThat(ticket.get("errors").get(0).get("path").asText()).isEqualTo("/parameter_count");
            assertThat(ticket.get("how_to_resolve").toString()).contains("cannot be converted exactly");
            assertThat(Files.readString(harness.reviewQueue().resolve("model-held.md")))
                    .contains("correct the artifact's metadata in the artifacts table");

            RunResult again = harness.backfill();
            assertThat(again.count("review")).isEqualTo(1);
            assertThat(again.count("unchanged")).isEqualTo(1);
            assertThat(database.count("SELECT count(*) FROM model_version_events")).isEqualTo(1);

            // the owner corrects the metadata; the next scan registers it and closes the ticket
            database.execute("UPDATE artifacts SET metadata = jsonb_set(metadata, '{n_params}', '\"2,000,000\"'),"
                    + " updated_at = now() WHERE id = 'model-held'");
            RunResult fixed = harness.once();

            assertThat(fixed.count("promote")).isEqualTo(1);
            assertThat(database.single("SELECT promotion_state FROM model_versions")).isEqualTo("promoted");
            assertThat(harness.reviewQueue().resolve("model-held.json")).doesNotExist();
            assertThat(harness.reviewQueue().resolve(".resolved/model-held.json")).exists();
            assertThat(database.rows("SELECT event, from_state, to_state FROM model_version_events ORDER BY id"))
                    .containsExactly(java.util.Arrays.asList("held", null, "candidate"),
                            List.of("updated", "candidate", "promoted"));
        }
    }

    @Test
    void aReviewersDecisionStandsAndItsTicketStaysOpenWithinTheRun() throws Exception {
        try (TestDatabase database = SERVER.freshDatabase()) {
            PipelineHarness harness = new PipelineHarness(database, root);
            Path inbox = java.nio.file.Files.createDirectories(harness.inbox());
            java.nio.file.Files.writeString(inbox.resolve("m.json"), InboxTestFiles.promotable("model-m"));
            harness.once();
            database.execute("UPDATE model_versions SET promotion_state = 'rejected', decided_by = 'reviewer:ann'");

            // the same input again: the row is reported as the reviewer left it, in one row, decided:
            // nothing is held and no ticket is written
            java.nio.file.Files.writeString(inbox.resolve("m.json"), InboxTestFiles.promotable("model-m"));
            RunResult same = harness.once();
            JsonNode sameRows = Json.parse(java.nio.file.Files.readString(same.summary())).get("artifacts");
            assertThat(sameRows).hasSize(1);
            assertThat(sameRows.get(0).get("channel").asText()).isEqualTo("decided");
            assertThat(sameRows.get(0).get("promotion_state").asText()).isEqualTo("rejected");
            assertThat(same.countsLine()).isEqualTo("promote 0, candidate 0, review 0, failed 0 (unchanged 0)");
            assertThat(same.count("decided")).isEqualTo(1);
            assertThat(harness.reviewQueue().resolve("model-m.md")).doesNotExist();

            // changed input: held, the row stays, and the ticket written in this run stays open
            java.nio.file.Files.writeString(inbox.resolve("m.json"),
                    model("model-m", validMetadata(object("auc", 0.95))).toString());
            RunResult changed = harness.once();
            JsonNode changedRows = Json.parse(java.nio.file.Files.readString(changed.summary())).get("artifacts");
            assertThat(changedRows).hasSize(1);
            assertThat(changedRows.get(0).get("channel").asText()).isEqualTo("review");
            assertThat(changedRows.get(0).get("reasons").toString()).contains("R-PROTECTED");
            assertThat(harness.reviewQueue().resolve("model-m.md")).exists();
            assertThat(database.rows("SELECT promotion_state, decided_by FROM model_versions"))
                    .containsExactly(List.of("rejected", "reviewer:ann"));
        }
    }
}
