package io.modelgate.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.db.Migrations;
import io.modelgate.model.Assessment;
import io.modelgate.model.Change;
import io.modelgate.model.Channel;
import io.modelgate.model.Json;
import io.modelgate.model.PromotionState;
import io.modelgate.model.Reason;
import io.modelgate.rules.ArtifactAssessor;
import io.modelgate.rules.ArtifactDirectory;
import io.modelgate.rules.EnvelopeReader;
import io.modelgate.rules.InputLimits;
import io.modelgate.rules.MetadataNormalizer;
import io.modelgate.rules.MetadataValidator;
import io.modelgate.rules.PromotionPolicy;
import io.modelgate.rules.ReferenceChecker;
import io.modelgate.rules.SchemaCheck;
import io.modelgate.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When PostgreSQL refuses one artifact's data, the batch is written again one artifact at a time:
 * that artifact alone fails with E-LIMIT, the others are written as they would have been.
 */
class CatalogWriterTest {
    /** Over PostgreSQL's limit for one entry of the trained_by index (SQLSTATE 54000), even compressed. */
    private static final String HUGE_TRAINER = IntStream.range(0, 300).mapToObj(i -> UUID.randomUUID().toString())
            .collect(Collectors.joining(" "));
    private static final String REFUSED = "PostgreSQL cannot store this artifact: ";

    private static TestDatabase database;
    private static CatalogWriter writer;

    private final EnvelopeReader reader = new EnvelopeReader(new InputLimits(1 << 20, 64, 65536));
    private final ArtifactAssessor assessor = new ArtifactAssessor(new MetadataNormalizer(),
            new SchemaCheck(new MetadataValidator()), new ReferenceChecker(ArtifactDirectory.OFFLINE),
            new PromotionPolicy(List.of("ode")));

    @BeforeAll
    static void start() {
        database = TestDatabase.start();
        new Migrations(database.dataSource()).migrate();
        writer = new CatalogWriter(new ModelCatalog(database.dataSource(), new MetadataValidator()),
                new HeldDocuments(database.dataSource()));
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @BeforeEach
    void empty() {
        database.truncateAll();
    }

    /** An inbox file the gate promotes, trained by {@code trainedBy}. */
    private Assessment promotable(String id, String trainedBy) {
        ObjectNode metadata = Json.object().put("model_family", "gradient boosting").put("framework", "lightgbm")
                .put("parameter_count", 5000).put("training_data", "ADNI").put("evaluation_dataset", "ADNI holdout")
                .put("code_repo_url", "https://github.com/lab/ad-risk").put("code_commit_sha", "9fceb02")
                .put("trained_by", trainedBy);
        metadata.putObject("evaluation_metrics").put("auc", 0.82);
        ObjectNode document = Json.object().put("id", id).put("artifact_type", "model").put("title", "Model " + id);
        document.set("metadata", metadata);
        Assessment assessment = assessor.assess(reader.fromFile(id + ".json",
                Json.write(document).getBytes(StandardCharsets.UTF_8)));
        assessment.runId("run-1");
        assertThat(assessment.channel()).isEqualTo(Channel.PROMOTE);
        return assessment;
    }

    private static int count(String sql) {
        return database.count(sql);
    }

    private static void assertRefused(Assessment a) {
        assertThat(a.channel()).isEqualTo(Channel.FAILED);
        assertThat(a.change()).isEqualTo(Change.NONE);
        assertThat(a.reasons().get(0).code()).isEqualTo("E-LIMIT");
        assertThat(a.reasons().get(0).message()).startsWith(REFUSED + "index row");
    }

    private static void assertInserted(Assessment a) {
        assertThat(a.channel()).isEqualTo(Channel.PROMOTE);
        assertThat(a.change()).isEqualTo(Change.INSERTED);
        assertThat(a.newState()).isEqualTo(PromotionState.PROMOTED);
        assertThat(a.reasons()).extracting(Reason::code).doesNotContain("E-LIMIT");
    }

    @Test
    void aBatchWithoutRefusalIsWrittenWhole() {
        Assessment a = promotable("model-a", "jdoe");
        Assessment b = promotable("model-b", "jdoe");

        writer.writeBatch(List.of(a, b));

        assertInserted(a);
        assertInserted(b);
        assertThat(count("SELECT count(*) FROM model_versions WHERE promotion_state = 'promoted'")).isEqualTo(2);
    }

    @Test
    void theArtifactPostgresRefusesFailsAloneAndTheRestOfTheBatchIsWritten() {
        Assessment a = promotable("model-a", "jdoe");
        Assessment b = promotable("model-b", HUGE_TRAINER);
        Assessment c = promotable("model-c", "jdoe");

        writer.writeBatch(List.of(a, b, c));

        assertInserted(a);
        assertRefused(b);
        assertInserted(c);
        assertThat(b.oldState()).isNull();
        assertThat(b.newState()).isNull();
        assertThat(database.rows("SELECT artifact_id FROM model_versions ORDER BY artifact_id"))
                .containsExactly(List.of("model-a"), List.of("model-c"));
        assertThat(count("SELECT count(*) FROM artifacts WHERE id = 'model-b'")).isZero();
        assertThat(database.rows("SELECT artifact_id, run_id FROM model_version_events ORDER BY artifact_id"))
                .containsExactly(List.of("model-a", "run-1"), List.of("model-c", "run-1"));
    }

    @Test
    void everyArtifactPostgresRefusesFailsAndOnlyThose() {
        Assessment a = promotable("model-a", HUGE_TRAINER);
        Assessment b = promotable("model-b", "jdoe");
        Assessment c = promotable("model-c", HUGE_TRAINER);

        writer.writeBatch(List.of(a, b, c));

        assertRefused(a);
        assertInserted(b);
        assertRefused(c);
        assertThat(database.rows("SELECT artifact_id FROM model_versions")).containsExactly(List.of("model-b"));
    }

    @Test
    void aBatchOfOneThatPostgresRefusesFailsAndWritesNothing() {
        Assessment a = promotable("model-a", HUGE_TRAINER);

        writer.writeBatch(List.of(a));

        assertRefused(a);
        assertThat(count("SELECT count(*) FROM artifacts")).isZero();
        assertThat(count("SELECT count(*) FROM model_version_events")).isZero();
    }

    @Test
    void aRegisteredModelWhoseNewDataIsRefusedKeepsItsRowAndState() {
        writer.writeBatch(List.of(promotable("model-b", "jdoe")));
        Assessment a = promotable("model-a", "jdoe");
        Assessment b = promotable("model-b", HUGE_TRAINER);

        writer.writeBatch(List.of(a, b));

        assertInserted(a);
        assertRefused(b);
        assertThat(b.oldState()).isEqualTo(PromotionState.PROMOTED);
        assertThat(b.newState()).isEqualTo(PromotionState.PROMOTED);
        assertThat(database.rows("SELECT promotion_state, trained_by FROM model_versions WHERE artifact_id = 'model-b'"))
                .containsExactly(List.of("promoted", "jdoe"));
        assertThat(database.single("SELECT metadata->>'trained_by' FROM artifacts WHERE id = 'model-b'")).isEqualTo("jdoe");
        assertThat(count("SELECT count(*) FROM model_version_events WHERE artifact_id = 'model-b'")).isEqualTo(1);
    }
}
