package io.modelgate.catalog;

import static io.modelgate.support.TestJson.VALID_METADATA;
import static io.modelgate.support.TestJson.model;
import static io.modelgate.support.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.inbox.InboxTestFiles;
import io.modelgate.run.RunResult;
import io.modelgate.support.DatabaseServer;
import io.modelgate.support.PipelineHarness;
import io.modelgate.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input that PostgreSQL refuses to store is bad input, not a database that is away: it fails
 * at once with its reason, and the inputs around it are settled as usual.
 */
class UnstorableInputTest {
    /** One server for the class; each test takes an empty database of its own on it. */
    @RegisterExtension
    static final DatabaseServer SERVER = new DatabaseServer();

    /** Over PostgreSQL's limit for one entry of the trained_by index, even compressed. */
    private static final String HUGE_TRAINER = IntStream.range(0, 300).mapToObj(i -> UUID.randomUUID().toString())
            .collect(Collectors.joining(" "));

    @TempDir
    Path root;

    @Test
    void aFileTheDatabaseCannotStoreEndsInFailedAndTheNextFilesAreRead() throws Exception {
        try (TestDatabase database = SERVER.freshDatabase()) {
            PipelineHarness harness = new PipelineHarness(database, root);
            Path inbox = Files.createDirectories(harness.inbox());
            Files.writeString(inbox.resolve("a.json"), promotable("model-a", HUGE_TRAINER));
            Files.writeString(inbox.resolve("b.json"), InboxTestFiles.promotable("model-b"));

            RunResult run = harness.once();

            assertThat(run.count("failed")).isEqualTo(1);
            assertThat(run.count("promote")).isEqualTo(1);
            assertThat(run.count("unsettled")).isZero();
            assertThat(run.succeeded()).isTrue();
            assertThat(inbox.resolve(".failed/a.json")).exists();
            assertThat(inbox.resolve(".failed/a.json.error.txt")).content()
                    .contains("a.json: E-LIMIT: PostgreSQL cannot store this artifact: ");
            assertThat(inbox.resolve(".done/b.json")).exists();
            assertThat(database.count("SELECT count(*) FROM model_versions WHERE artifact_id = 'model-a'")).isZero();
            assertThat(database.count("SELECT count(*) FROM artifacts WHERE id = 'model-a'")).isZero();
            assertThat(database.count("SELECT count(*) FROM model_versions WHERE artifact_id = 'model-b'")).isEqualTo(1);
        }
    }

    @Test
    void theFilesWrittenBesideOneTheDatabaseRefusesAreReportedAsWhatHappenedToThemAndItsFailureComesFirst() throws Exception {
        try (TestDatabase database = SERVER.freshDatabase()) {
            PipelineHarness harness = new PipelineHarness(database, root);
            Path inbox = Files.createDirectories(harness.inbox());
            Files.writeString(inbox.resolve("a.json"), InboxTestFiles.promotable("model-a"));
            Files.writeString(inbox.resolve("b.json"), promotable("model-b", HUGE_TRAINER));
            Files.writeString(inbox.resolve("c.json"), InboxTestFiles.promotable("model-c"));

            RunResult run = harness.once();

            com.fasterxml.jackson.databind.JsonNode summary = io.modelgate.model.Json.parse(Files.readString(run.summary()));
            java.util.Map<String, String> changes = new java.util.HashMap<>();
            summary.get("artifacts").forEach(a -> changes.put(a.path("id").asText(), a.path("channel").asText()
                    + "/" + a.path("change").asText()));
            assertThat(changes).containsEntry("model-a", "promote/inserted").containsEntry("model-c", "promote/inserted")
                    .containsEntry("model-b", "failed/none");
            assertThat(run.count("unchanged")).isZero();
            assertThat(database.count("SELECT count(*) FROM model_version_events")).isEqualTo(2);
            // the failure is what the error file says first, before any note of the gate
            assertThat(Files.readAllLines(inbox.resolve(".failed/b.json.error.txt")).get(0))
                    .startsWith("b.json: E-LIMIT: PostgreSQL cannot store this artifact: ");
        }
    }

    @Test
    void aScannedRowTheDatabaseCannotStoreFailsAloneAndTheScanGoesOn() throws Exception {
        try (TestDatabase database = SERVER.freshDatabase()) {
            PipelineHarness harness = new PipelineHarness(database, root);
            database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata)"
                    + " SELECT 'model-' || n, 'model', 'M' || n, '" + InboxTestFiles.promotableMetadata() + "'"
                    + " FROM generate_series(1, 5) AS n");
            database.execute("UPDATE artifacts SET metadata = metadata || jsonb_build_object('trained_by', '"
                    + HUGE_TRAINER + "') WHERE id = 'model-3'");

            RunResult run = harness.backfill();

            assertThat(run.count("promote")).isEqualTo(4);
            assertThat(run.count("failed")).isEqualTo(1);
            assertThat(run.succeeded()).isTrue();
            assertThat(database.count("SELECT count(*) FROM model_versions")).isEqualTo(4);
            assertThat(database.count("SELECT count(*) FROM model_versions WHERE artifact_id = 'model-3'")).isZero();
            assertThat(database.count("SELECT count(*) FROM model_version_events")).isEqualTo(4);
            assertThat(Files.readString(run.summary())).contains("PostgreSQL cannot store this artifact: index row");
        }
    }

    private static String promotable(String id, String trainedBy) {
        return model(id, VALID_METADATA.with("trained_by", trainedBy).with("evaluation_metrics", object("auc", 0.8)))
                .toString();
    }
}
