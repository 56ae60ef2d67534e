package io.modelgate.catalog;

import static io.modelgate.support.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.db.Migrations;
import io.modelgate.model.Change;
import io.modelgate.model.Json;
import io.modelgate.model.PromotionState;
import io.modelgate.model.Reason;
import io.modelgate.rules.MetadataValidator;
import io.modelgate.rules.ModelVersionExtractor;
import io.modelgate.support.TestDatabase;
import io.modelgate.support.TestJson;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {
    private static TestDatabase database;
    private static ModelCatalog catalog;

    @BeforeAll
    static void start() {
        database = TestDatabase.start();
        new Migrations(database.dataSource()).migrate();
        catalog = new ModelCatalog(database.dataSource(), new MetadataValidator());
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @BeforeEach
    void empty() {
        database.truncateAll();
    }

    private static ObjectNode metadata() {
        return (ObjectNode) Json.parse("""
                {"model_family": "logistic-regression", "framework": "scikit-learn", "parameter_count": 42,
                 "training_data": "ADNI", "evaluation_dataset": "ADNI holdout",
                 "evaluation_metrics": {"auc": 0.82}, "code_repo_url": "https://github.com/lab/ad-risk",
                 "code_commit_sha": "9fceb02", "trained_by": "jdoe"}""");
    }

    private static Registration registration(String id, ObjectNode metadata, PromotionState state, boolean held) {
        ObjectNode document = Json.object().put("id", id).put("artifact_type", "model").put("title", "AD risk");
        document.set("metadata", metadata);
        return new Registration(id, "AD risk", document, metadata, new ModelVersionExtractor().extract(metadata), state,
                List.of(new Reason("N-TEST", "a note")), held, "run-1");
    }

    private static int events(String id) {
        return database.count("SELECT count(*) FROM model_version_events WHERE artifact_id = '" + id + "'");
    }

    @Test
    void acceptsAGoodPayloadWithItsRowAndOneEvent() {
        WriteResult result = catalog.registerModel(registration("model-a", metadata(), PromotionState.PROMOTED, false));

        assertThat(result.change()).isEqualTo(Change.INSERTED);
        assertThat(database.rows("SELECT promotion_state, code_commit_sha, trained_by, eval_metrics_json->>'auc',"
                + " decided_by FROM model_versions WHERE artifact_id = 'model-a'"))
                .containsExactly(List.of("promoted", "9fceb02", "jdoe", "0.82", "pipeline"));
        assertThat(database.single("SELECT metadata->>'framework' FROM artifacts WHERE id = 'model-a'"))
                .isEqualTo("scikit-learn");
        assertThat(database.rows("SELECT event, from_state, to_state, actor, run_id FROM model_version_events"))
                .containsExactly(java.util.Arrays.asList("registered", null, "promoted", "modelgate", "run-1"));
    }

    @Test
    void rejectsABadPayloadAndWritesNothing() {
        ObjectNode bad = metadata();
        bad.remove("framework");
        bad.put("parameter_count", -1);

        assertThatThrownBy(() -> catalog.registerModel(registration("model-b", bad, PromotionState.PROMOTED, false)))
                .isInstanceOf(InvalidMetadataException.class)
                .hasMessageContaining("/framework: every model must name the framework")
                .hasMessageContaining("/parameter_count: every model must give its number of parameters");
        assertThat(database.count("SELECT count(*) FROM artifacts")).isZero();
        assertThat(database.count("SELECT count(*) FROM model_versions")).isZero();
        assertThat(database.count("SELECT count(*) FROM model_version_events")).isZero();
    }

    @Test
    void theSameContentTwiceWritesNothingTheSecondTime() {
        catalog.registerModel(registration("model-c", metadata(), PromotionState.PROMOTED, false));
        String updatedAt = database.single("SELECT updated_at FROM model_versions WHERE artifact_id = 'model-c'");

        WriteResult second = catalog.registerModel(registration("model-c", metadata(), PromotionState.PROMOTED, false));

        assertThat(second.change()).isEqualTo(Change.UNCHANGED);
        assertThat(events("model-c")).isEqualTo(1);
        assertThat(database.single("SELECT updated_at FROM model_versions WHERE artifact_id = 'model-c'")).isEqualTo(updatedAt);
    }

    @Test
    void changedContentUpdatesTheRowWithOneMoreEvent() {
        catalog.registerModel(registration("model-d", metadata(), PromotionState.CANDIDATE, false));
        ObjectNode better = metadata();
        ((ObjectNode) better.get("evaluation_metrics")).put("auc", 0.85);

        WriteResult result = catalog.registerModel(registration("model-d", better, PromotionState.PROMOTED, false));

        assertThat(result.change()).isEqualTo(Change.UPDATED);
        assertThat(result.oldState()).isEqualTo(PromotionState.CANDIDATE);
        assertThat(events("model-d")).isEqualTo(2);
        assertThat(database.rows("SELECT event, from_state, to_state, metadata_before->'evaluation_metrics'->>'auc',"
                + " metadata_after->'evaluation_metrics'->>'auc' FROM model_version_events"
                + " WHERE artifact_id = 'model-d' ORDER BY id DESC LIMIT 1"))
                .containsExactly(List.of("updated", "candidate", "promoted", "0.82", "0.85"));
    }

    @Test
    void anEventKeepsTheStoredMetadataAsWrittenNumberForNumber() {
        // jsonb keeps 2.0 and 0.0000010 as written; parsed and written again they would read 2 and 1E-6
        database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata) VALUES ('model-n', 'model', 'AD risk',"
                + " '{\"training_config\": {\"threshold\": 2.0, \"rtol\": 1.0E-6}}')");
        String stored = database.single("SELECT metadata::text FROM artifacts WHERE id = 'model-n'");

        catalog.registerModel(registration("model-n", metadata(), PromotionState.PROMOTED, false));

        assertThat(stored).contains("2.0").contains("0.0000010");
        assertThat(database.single("SELECT metadata_before::text FROM model_version_events WHERE artifact_id = 'model-n'"))
                .isEqualTo(stored);
    }

    @Test
    void aReviewersDecisionIsNeverOverwritten() {
        catalog.registerModel(registration("model-e", metadata(), PromotionState.CANDIDATE, false));
        database.execute("UPDATE model_versions SET promotion_state = 'promoted', decided_by = 'reviewer:alice'"
                + " WHERE artifact_id = 'model-e'");
        ObjectNode changed = metadata().put("trained_by", "someone-else");

        WriteResult result = catalog.registerModel(registration("model-e", changed, PromotionState.CANDIDATE, false));

        assertThat(result.refusal().code()).isEqualTo("R-PROTECTED");
        assertThat(result.refusal().message()).contains("reviewer:alice");
        assertThat(database.rows("SELECT promotion_state, trained_by, decided_by FROM model_versions"))
                .containsExactly(List.of("promoted", "jdoe", "reviewer:alice"));
        assertThat(events("model-e")).isEqualTo(1);
    }

    @Test
    void rejectedAndSupersededRowsStayAsTheyAre() {
        for (String state : List.of("rejected", "superseded")) {
            String id = "model-" + state;
            catalog.registerModel(registration(id, metadata(), PromotionState.CANDIDATE, false));
            database.execute("UPDATE model_versions SET promotion_state = '" + state + "' WHERE artifact_id = '" + id + "'");

            WriteResult result = catalog.registerModel(registration(id, metadata().put("trained_by", "x"),
                    PromotionState.PROMOTED, false));

            assertThat(result.refusal().code()).isEqualTo("R-PROTECTED");
            assertThat(database.single("SELECT promotion_state FROM model_versions WHERE artifact_id = '" + id + "'"))
                    .isEqualTo(state);
        }
    }

    @Test
    void aPromotedRowIsNeverDemoted() {
        catalog.registerModel(registration("model-f", metadata(), PromotionState.PROMOTED, false));
        ObjectNode noMetrics = metadata();
        noMetrics.putObject("evaluation_metrics");

        WriteResult result = catalog.registerModel(registration("model-f", noMetrics, PromotionState.CANDIDATE, false));

        assertThat(result.refusal().code()).isEqualTo("R-PROTECTED");
        assertThat(result.refusal().message()).contains("never demotes");
        assertThat(database.single("SELECT promotion_state FROM model_versions WHERE artifact_id = 'model-f'"))
                .isEqualTo("promoted");
    }

    @Test
    void thePipelineNeverWritesRejectedOrSuperseded() {
        assertThatThrownBy(() -> catalog.registerModel(registration("model-g", metadata(), PromotionState.REJECTED, false)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(database.count("SELECT count(*) FROM artifacts")).isZero();
    }

    @Test
    void aHeldArtifactGetsACandidateRowAndKeepsItsMetadata() {
        TestJson given = object("n_params", "~1M", "architecture", "mlp");
        ObjectNode legacy = given.node();
        ObjectNode document = Json.object().put("id", "model-h").put("artifact_type", "model").put("title", "Held");
        document.set("metadata", legacy);
        database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata) VALUES ('model-h', 'model', 'Held',"
                + " '" + given + "')");

        WriteResult result = catalog.registerModel(new Registration("model-h", "Held", document, legacy,
                new ModelVersionExtractor().extract(legacy), PromotionState.CANDIDATE,
                List.of(new Reason("A-UNPARSEABLE", "parameter_count \"~1M\" is not exact")), true, "run-2"));

        assertThat(result.change()).isEqualTo(Change.INSERTED);
        assertThat(database.single("SELECT promotion_notes FROM model_versions WHERE artifact_id = 'model-h'"))
                .startsWith("held for review: A-UNPARSEABLE");
        assertThat(database.single("SELECT metadata::text FROM artifacts WHERE id = 'model-h'"))
                .isEqualTo("{\"n_params\": \"~1M\", \"architecture\": \"mlp\"}");
        assertThat(database.single("SELECT event FROM model_version_events WHERE artifact_id = 'model-h'")).isEqualTo("held");
    }

    @Test
    void anIdOfAnotherKindOfArtifactIsNotTakenOver() {
        ObjectNode dataset = Json.object().put("id", "ds-1").put("artifact_type", "dataset").put("title", "Data");
        dataset.putObject("metadata");
        database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata) VALUES ('ds-1', 'dataset', 'Data', '{}')");

        WriteResult result = catalog.registerModel(registration("ds-1", metadata(), PromotionState.PROMOTED, false));

        assertThat(result.refusal().code()).isEqualTo("A-CONFLICT");
        assertThat(database.count("SELECT count(*) FROM model_versions")).isZero();
        assertThat(database.single("SELECT artifact_type FROM artifacts WHERE id = 'ds-1'")).isEqualTo("dataset");
    }

    @Test
    void aBatchIsWrittenInOneTransactionWithTheSameRulesForEachArtifact() {
        catalog.registerModel(registration("model-old", metadata(), PromotionState.PROMOTED, false));
        catalog.registerModel(registration("model-decided", metadata(), PromotionState.CANDIDATE, false));
        database.execute("UPDATE model_versions SET decided_by = 'reviewer:bob' WHERE artifact_id = 'model-decided'");
        ObjectNode better = metadata();
        ((ObjectNode) better.get("evaluation_metrics")).put("auc", 0.9);

        List<WriteResult> results = catalog.registerBatch(List.of(
                registration("model-new", metadata(), PromotionState.PROMOTED, false),
                registration("model-old", metadata(), PromotionState.PROMOTED, false),
                registration("model-decided", better, PromotionState.PROMOTED, false),
                registration("model-new", better, PromotionState.PROMOTED, false)));

        assertThat(results).extracting(WriteResult::change)
                .containsExactly(Change.INSERTED, Change.UNCHANGED, Change.NONE, Change.UPDATED);
        assertThat(results.get(2).refusal().code()).isEqualTo("R-PROTECTED");
        assertThat(events("model-new")).isEqualTo(2);
        assertThat(events("model-old")).isEqualTo(1);
        assertThat(events("model-decided")).isEqualTo(1);
        assertThat(database.single("SELECT eval_metrics_json->>'auc' FROM model_versions WHERE artifact_id = 'model-new'"))
                .isEqualTo("0.9");
    }

    @Test
    void aBatchWithOneInvalidArtifactWritesNothing() {
        ObjectNode bad = metadata();
        bad.remove("framework");
        assertThatThrownBy(() -> catalog.registerBatch(List.of(
                registration("model-fine", metadata(), PromotionState.PROMOTED, false),
                registration("model-bad", bad, PromotionState.PROMOTED, false))))
                .isInstanceOf(InvalidMetadataException.class);
        assertThat(database.count("SELECT count(*) FROM model_versions")).isZero();
    }
}
