package io.modelgate.catalog;

import static io.modelgate.support.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.db.Migrations;
import io.modelgate.model.Change;
import io.modelgate.model.Json;
import io.modelgate.model.PromotionState;
import io.modelgate.rules.MetadataValidator;
import io.modelgate.rules.ModelVersionExtractor;
import io.modelgate.support.TestDatabase;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One promoted version per lineage: the pipeline's supersession, its hold, a reviewer's refusal,
 * PostgreSQL's own check, and which version was promoted at a moment.
 */
class LineageTest {
    private static TestDatabase database;
    private static ModelCatalog catalog;
    private static DecisionRecords decisions;

    @BeforeAll
    static void start() {
        database = TestDatabase.start();
        new Migrations(database.dataSource()).migrate();
        catalog = new ModelCatalog(database.dataSource(), new MetadataValidator());
        decisions = new DecisionRecords(database.dataSource());
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @BeforeEach
    void empty() {
        database.truncateAll();
    }

    private static Registration version(String id, String parent, double auc) {
        ObjectNode metadata = object("model_family", "cnn", "framework", "pytorch", "parameter_count", 42,
                "training_data", "t", "evaluation_dataset", "e", "evaluation_metrics", object("auc", auc)).node();
        ObjectNode document = Json.object().put("id", id).put("artifact_type", "model").put("title", "Seg " + id);
        document.set("metadata", metadata);
        if (parent != null) {
            document.put("parent_version_id", parent);
        }
        return new Registration(id, "Seg " + id, document, metadata, new ModelVersionExtractor().extract(metadata),
                PromotionState.PROMOTED, List.of(), false, "run-1");
    }

    private static List<List<String>> states() {
        return database.rows("SELECT artifact_id, promotion_state, lineage_id FROM model_versions ORDER BY artifact_id");
    }

    /** When the version's first event was written. */
    private static OffsetDateTime eventTime(String id) {
        return OffsetDateTime.parse(database.single("SELECT to_char(min(created_at) AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM model_version_events WHERE artifact_id = '" + id + "'"));
    }

    private static void decideByReviewer(String id, PromotionState state) {
        String metadata = database.single("SELECT metadata::text FROM artifacts WHERE id = '" + id + "'");
        decisions.apply(new DecisionRecords.DecisionWrite(id, state, "reviewer:ann", "checked by hand", null,
                metadata, null, null, null, List.of(), false));
    }

    @Test
    void aNewerVersionThePipelinePromotesSupersedesTheOlderOneItPromotedInTheSameTransaction() {
        catalog.registerModel(version("seg-v1", null, 0.8));
        WriteResult v2 = catalog.registerModel(version("seg-v2", "seg-v1", 0.9));

        assertThat(v2.change()).isEqualTo(Change.INSERTED);
        assertThat(v2.refused()).isFalse();
        assertThat(states()).containsExactly(List.of("seg-v1", "superseded", "seg-v1"),
                List.of("seg-v2", "promoted", "seg-v1"));
        assertThat(database.rows("SELECT artifact_id, event, from_state, to_state, actor FROM model_version_events"
                + " ORDER BY id")).containsExactly(Arrays.asList("seg-v1", "registered", null, "promoted", "modelgate"),
                List.of("seg-v1", "superseded", "promoted", "superseded", "modelgate"),
                Arrays.asList("seg-v2", "registered", null, "promoted", "modelgate"));
        assertThat(database.single("SELECT decided_by || ' / ' || promotion_notes FROM model_versions"
                + " WHERE artifact_id = 'seg-v1'")).isEqualTo("pipeline / superseded by seg-v2, a newer version of"
                + " its lineage the pipeline promoted");
    }

    @Test
    void versionsOfOneLineageInOneBatchLeaveTheNewestPromotedAndTheOthersSuperseded() {
        List<WriteResult> results = catalog.registerBatch(List.of(version("seg-v1", null, 0.8),
                version("seg-v2", "seg-v1", 0.9), version("seg-v3", "seg-v2", 0.95)));

        assertThat(results).extracting(WriteResult::refused).containsOnly(false);
        assertThat(database.rows("SELECT artifact_id, promotion_state FROM model_versions ORDER BY artifact_id"))
                .containsExactly(List.of("seg-v1", "superseded"), List.of("seg-v2", "superseded"),
                        List.of("seg-v3", "promoted"));
        assertThat(database.count("SELECT count(DISTINCT lineage_id) FROM model_versions")).isEqualTo(1);
    }

    @Test
    void aNewerVersionIsHeldWhereAReviewerPromotedTheOlderOneAndNothingOfItIsRegistered() {
        catalog.registerModel(version("seg-v1", null, 0.8));
        decideByReviewer("seg-v1", PromotionState.PROMOTED);

        WriteResult v2 = catalog.registerModel(version("seg-v2", "seg-v1", 0.9));

        assertThat(v2.change()).isEqualTo(Change.NONE);
        assertThat(v2.refusal().code()).isEqualTo("R-LINEAGE");
        assertThat(v2.refusal().message()).isEqualTo("seg-v1, an older version of its lineage, is promoted by the"
                + " decision of reviewer:ann, which the pipeline never overrides; to promote seg-v2 in its place:"
                + " modelgate review decide seg-v2 --promote");
        assertThat(database.count("SELECT count(*) FROM artifacts WHERE id = 'seg-v2'")).isZero();
        assertThat(database.rows("SELECT artifact_id, promotion_state, decided_by FROM model_versions"))
                .containsExactly(List.of("seg-v1", "promoted", "reviewer:ann"));
    }

    @Test
    void aRegisteredNewerVersionHeldForItsLineageGetsACandidateRowHeldForReview() {
        database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata, parent_version_id)"
                + " VALUES ('seg-v2', 'model', 'Seg v2', '{}', 'seg-v1')");
        catalog.registerModel(version("seg-v1", null, 0.8));
        decideByReviewer("seg-v1", PromotionState.PROMOTED);

        WriteResult v2 = catalog.registerModel(version("seg-v2", null, 0.9));

        assertThat(v2.refusal().code()).isEqualTo("R-LINEAGE");
        assertThat(v2.newState()).isEqualTo(PromotionState.CANDIDATE);
        assertThat(database.single("SELECT promotion_state || ' / ' || left(promotion_notes, 43) FROM model_versions"
                + " WHERE artifact_id = 'seg-v2'")).isEqualTo("candidate / held for review: R-LINEAGE seg-v1, an older");
        // the same input again writes nothing and is still reported as held for its lineage
        WriteResult again = catalog.registerModel(version("seg-v2", null, 0.9));
        assertThat(again.change()).isEqualTo(Change.UNCHANGED);
        assertThat(again.refusal().code()).isEqualTo("R-LINEAGE");
    }

    @Test
    void postgresqlRefusesASecondPromotedVersionOfALineageThroughPlainSql() {
        database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata) VALUES ('p1', 'model', 'P', '{}')");
        database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata, parent_version_id)"
                + " VALUES ('p2', 'model', 'P', '{}', 'p1')");
        database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata, superseded_by)"
                + " VALUES ('p0', 'model', 'P', '{}', 'p1')");
        database.execute("INSERT INTO model_versions (artifact_id, promotion_state) VALUES ('p1', 'promoted')");

        assertThatThrownBy(() -> database.execute("INSERT INTO model_versions (artifact_id, promotion_state)"
                + " VALUES ('p2', 'promoted')")).hasStackTraceContaining("model_versions_one_promoted_per_lineage");
        database.execute("INSERT INTO model_versions (artifact_id, promotion_state) VALUES ('p2', 'candidate')");
        assertThatThrownBy(() -> database.execute("UPDATE model_versions SET promotion_state = 'promoted'"
                + " WHERE artifact_id = 'p2'")).hasStackTraceContaining("model_versions_one_promoted_per_lineage");
        // superseded_by on the older row ties it to the same lineage
        assertThatThrownBy(() -> database.execute("INSERT INTO model_versions (artifact_id, promotion_state)"
                + " VALUES ('p0', 'promoted')")).hasStackTraceContaining("model_versions_one_promoted_per_lineage");
        assertThat(states()).containsExactly(List.of("p1", "promoted", "p0"), List.of("p2", "candidate", "p0"));
    }

    @Test
    void aReviewersPromotionThatWouldLeaveTwoPromotedVersionsIsRefusedAndWritesNothing() {
        catalog.registerModel(version("seg-v1", null, 0.8));
        catalog.registerModel(version("seg-v2", "seg-v1", 0.9));
        decideByReviewer("seg-v1", PromotionState.CANDIDATE);
        int events = database.count("SELECT count(*) FROM model_version_events");

        assertThatThrownBy(() -> decideByReviewer("seg-v1", PromotionState.PROMOTED))
                .isInstanceOf(LineageConflictException.class)
                .hasMessage("seg-v2 of the same lineage is promoted and is not older than seg-v1; decide seg-v2 first"
                        + " (--supersede or --candidate)");
        assertThat(database.count("SELECT count(*) FROM model_version_events")).isEqualTo(events);
        assertThat(database.rows("SELECT artifact_id, promotion_state FROM model_versions ORDER BY artifact_id"))
                .containsExactly(List.of("seg-v1", "candidate"), List.of("seg-v2", "promoted"));
    }

    @Test
    void aReviewerPromotingANewerVersionSupersedesTheOlderOneWhoeverPromotedIt() {
        catalog.registerModel(version("seg-v1", null, 0.8));
        decideByReviewer("seg-v1", PromotionState.PROMOTED);
        catalog.registerModel(version("seg-v2", "seg-v1", 0.9));
        // seg-v2 is held (not registered); a registered seg-v3 is promoted by a reviewer instead
        database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata, parent_version_id)"
                + " VALUES ('seg-v3', 'model', 'Seg v3', '{}', 'seg-v1')");
        database.execute("INSERT INTO model_versions (artifact_id) VALUES ('seg-v3')");

        decideByReviewer("seg-v3", PromotionState.PROMOTED);

        assertThat(database.rows("SELECT artifact_id, promotion_state, decided_by FROM model_versions"
                + " ORDER BY artifact_id")).containsExactly(List.of("seg-v1", "superseded", "reviewer:ann"),
                List.of("seg-v3", "promoted", "reviewer:ann"));
    }

    @Test
    void asOfAMomentTheLineageNamesTheVersionPromotedThen() {
        catalog.registerModel(version("seg-v1", null, 0.8));
        OffsetDateTime v1Promoted = eventTime("seg-v1");
        catalog.registerModel(version("seg-v2", "seg-v1", 0.9));
        OffsetDateTime v2Promoted = eventTime("seg-v2");
        LineageAsOf lineage = new LineageAsOf(database.dataSource());

        assertThat(lineage.at("seg-v2", v1Promoted.minusSeconds(1)).promoted()).isNull();
        assertThat(lineage.at("seg-v2", v1Promoted).promoted().id()).isEqualTo("seg-v1");
        assertThat(lineage.at("seg-v1", v2Promoted.minusNanos(1000)).promoted().id()).isEqualTo("seg-v1");
        LineageAsOf.Answer later = lineage.at("seg-v1", v2Promoted.plusSeconds(60));
        assertThat(later.promoted().id()).isEqualTo("seg-v2");
        assertThat(later.versions()).extracting(LineageAsOf.Version::id, LineageAsOf.Version::state)
                .containsExactly(tuple("seg-v1", "superseded"), tuple("seg-v2", "promoted"));
        assertThat(lineage.at("seg-none", v2Promoted)).isNull();
    }
}
