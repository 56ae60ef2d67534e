package io.modelgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelgate.demo.LegacyFixtures;
import io.modelgate.model.Json;
import io.modelgate.rules.MetadataValidator;
import io.modelgate.run.RunResult;
import io.modelgate.support.PipelineHarness;
import io.modelgate.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The WS1 backfill of the 8 legacy model artifacts, through the real routes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Ws1BackfillTest {
    static final Path COMMITTED_REPORT = Path.of("docs", "model_artifacts", "migration_report_ws1.md");

    @TempDir
    static Path root;
    private TestDatabase database;
    private PipelineHarness harness;
    private RunResult first;
    private String firstReport;

    @BeforeAll
    void backfillTheFixtures() {
        database = TestDatabase.start();
        harness = new PipelineHarness(database, root);
        new LegacyFixtures().load(database.dataSource());
        first = harness.backfill();
        try {
            firstReport = Files.readString(first.report());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    void stop() {
        database.close();
    }

    @Test
    void allEightGetARowNoneRejectedAtLeastSixPromoted() {
        assertThat(database.count("SELECT count(*) FROM model_versions")).isEqualTo(8);
        assertThat(database.count("SELECT count(*) FROM model_versions WHERE promotion_state = 'rejected'")).isZero();
        assertThat(database.count("SELECT count(*) FROM model_versions WHERE promotion_state = 'promoted'"))
                .isGreaterThanOrEqualTo(6);
        assertThat(first.count("failed")).isZero();
        assertThat(database.count("SELECT count(*) FROM model_version_events")).isEqualTo(8);
    }

    @Test
    void theBiophysicalOdesStayCandidateForTheRightReason() {
        assertThat(database.rows("SELECT artifact_id, promotion_state FROM model_versions"
                + " WHERE promotion_notes LIKE '%G-EVAL-PENDING%' ORDER BY 1"))
                .containsExactly(List.of("model-56e6e50d-2f7a-4b9c-8d1e-3a4b5c6d7e8f", "candidate"),
                        List.of("model-biophys-microglia-001", "candidate"));
    }

    @Test
    void legacyMetadataIsNormalizedInPlaceAndValidNow() {
        JsonNode metadata = Json.parse(database.single("SELECT metadata::text FROM artifacts"
                + " WHERE id = 'model-29ce54ef-5a1b-4c2e-9f3d-7b8e1a2c4d60'"));
        assertThat(metadata.get("parameter_count").asLong()).isEqualTo(12400);
        assertThat(metadata.get("framework").asText()).isEqualTo("xgboost");
        assertThat(metadata.has("n_params")).isFalse();
        assertThat(metadata.get("notes").asText()).startsWith("first risk model");
        MetadataValidator validator = new MetadataValidator();
        for (List<String> row : database.rows("SELECT metadata::text FROM artifacts WHERE artifact_type = 'model'")) {
            assertThat(validator.validate(Json.parse(row.get(0)))).isEmpty();
        }
    }

    @Test
    void provenanceComesOutOfTheRealRules() {
        assertThat(database.rows("SELECT code_repo_url, code_commit_sha, code_entrypoint FROM model_versions"
                + " WHERE artifact_id = 'model-14307274-8c3d-4e1f-a5b6-c7d8e9f0a1b2'"))
                .containsExactly(List.of("https://github.com/atlas-lab/celltype-classifier",
                        "4f9c2e1b7a3d5e6f8091a2b3c4d5e6f708192a3b", "train/train_classifier.py"));
        assertThat(database.single("SELECT eval_dataset_artifact_id FROM model_versions"
                + " WHERE artifact_id = 'model-8479a365-6d2e-4f3a-9b8c-1d2e3f4a5b6c'")).isEqualTo("dataset-adni-test-2023");
        assertThat(database.single("SELECT base_model_id FROM model_versions"
                + " WHERE artifact_id = 'model-9ccc79de-3e4f-4a5b-9c6d-7e8f9a0b1c2d'"))
                .isEqualTo("model-45e16a37-9a8b-4c7d-8e6f-5a4b3c2d1e0f");
        assertThat(database.count("SELECT count(*) FROM model_versions WHERE trained_by IS NOT NULL")).isEqualTo(7);
    }

    @Test
    void aSecondBackfillWritesNothingAndAddsNoEvent() throws IOException {
        String before = database.single("SELECT md5(string_agg(t::text, ',' ORDER BY artifact_id)) FROM model_versions t");
        int events = database.count("SELECT count(*) FROM model_version_events");

        RunResult second = harness.backfill();

        assertThat(second.count("unchanged")).isEqualTo(8);
        assertThat(database.single("SELECT md5(string_agg(t::text, ',' ORDER BY artifact_id)) FROM model_versions t"))
                .isEqualTo(before);
        assertThat(database.count("SELECT count(*) FROM model_version_events")).isEqualTo(events);
        JsonNode summary = Json.parse(Files.readString(second.summary()));
        assertThat(summary.get("artifacts")).hasSize(8)
                .allSatisfy(artifact -> assertThat(artifact.get("change").asText()).isEqualTo("unchanged"));
    }

    @Test
    void theCommittedWs1ReportIsWhatTheBackfillProduces() throws IOException {
        String produced = firstReport;
        String committed = Files.readString(COMMITTED_REPORT);
        assertThat(committed.length()).isGreaterThanOrEqualTo(2048);
        assertThat(withoutHeader(committed)).isEqualTo(withoutHeader(produced));
    }

    /** Everything from the first "## " heading on: the header holds only the run id and times. */
    static String withoutHeader(String report) {
        return report.substring(report.indexOf("\n## "));
    }
}
