package io.modelgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.catalog.Registration;
import io.modelgate.catalog.WriteDecision;
import io.modelgate.model.Assessment;
import io.modelgate.model.Json;
import io.modelgate.model.PromotionState;
import io.modelgate.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An inbox file's metadata is written to jsonb and read back by the next scan: the content hash
 * the two readings give must be the same, or the next run writes an "updated" event for
 * nothing. jsonb prints numbers in full (1e3 as 1000, 1E+1 as 10), so this goes through a real
 * PostgreSQL.
 */
class NumbersThroughPostgresTest {
    private static TestDatabase database;

    private final EnvelopeReader reader = new EnvelopeReader(new InputLimits(1 << 20, 64, 65536));
    private final ArtifactAssessor assessor = new ArtifactAssessor(new MetadataNormalizer(),
            new SchemaCheck(new MetadataValidator()), new ReferenceChecker(ArtifactDirectory.OFFLINE),
            new PromotionPolicy(List.of("ode", "biophysical", "mechanistic")));

    @BeforeAll
    static void start() {
        database = TestDatabase.start();
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    private static String throughJsonb(String json) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT ?::jsonb::text")) {
            statement.setString(1, json);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static String hash(Assessment a) {
        return WriteDecision.contentHash(new Registration(a.id(), a.title(), a.document(), a.metadata(), a.version(),
                PromotionState.PROMOTED, a.reasons(), false, "run"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e10", "10.0", "1.5e3", "1e300", "-2E+5", "2.50", "1e-7", "1.0E-6", "2.0", "0.91", "0e5",
            "\"1e3\"", "\"0.910\"", "\"10.0\"", "\"1.5E+3\"", "\"2.50\""})
    void aNumberGivesTheSameContentHashAsFileAndAsStoredRow(String number) throws SQLException {
        String file = "{\"id\": \"model-n\", \"artifact_type\": \"model\", \"title\": \"T\", \"metadata\": {"
                + "\"model_family\": \"cnn\", \"framework\": \"pytorch\", \"parameter_count\": 10, \"training_data\": \"t\","
                + " \"evaluation_dataset\": \"e\", \"evaluation_metrics\": {\"m\": " + number + "},"
                + " \"training_config\": {\"x\": " + (number.startsWith("\"") ? "1" : number) + "}}}";
        Assessment fromFile = assessor.assess(reader.fromFile("f.json", file.getBytes(StandardCharsets.UTF_8)));
        assertThat(fromFile.reasons()).extracting(r -> r.code()).containsExactly("N-NO-CODE-PIN");

        String stored = throughJsonb(Json.write(fromFile.metadata()));
        var columns = Json.object().put("id", "model-n").put("artifact_type", "model").put("title", "T");
        Assessment fromRow = assessor.assess(reader.fromDatabaseRow(columns, stored));

        assertThat(fromRow.normalizations()).as(stored).isEmpty();
        assertThat(Json.canonical(fromRow.metadata())).as(stored).isEqualTo(Json.canonical(fromFile.metadata()));
        assertThat(hash(fromRow)).as(stored).isEqualTo(hash(fromFile));
        // and once more: what was stored the first time is stored again as it is
        assertThat(throughJsonb(Json.write(fromRow.metadata()))).isEqualTo(stored);
    }
}
