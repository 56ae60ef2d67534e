package io.modelgate.support;

import static io.modelgate.support.TestJson.object;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The work the recovery trials interrupt, and how they compare its outcome with an uninterrupted
 * run's: model artifacts and inbox files in three shapes (canonical, legacy to normalize, held
 * one in ten), and the state they leave as checksums.
 */
public final class RecoveryFixtures {
    private RecoveryFixtures() {
    }

    /** {@code count} model artifacts with ids {@code <prefix>00001} and on. */
    public static void insertArtifacts(TestDatabase database, String prefix, int count) {
        database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata)"
                + " SELECT '" + prefix + "' || lpad(n::text, 5, '0'), 'model', 'Artifact ' || n, CASE"
                + "   WHEN n % 10 = 0 THEN jsonb_build_object('model_family', 'mlp', 'framework', 'pytorch',"
                + "     'parameter_count', '~1M', 'training_data', 'd', 'evaluation_dataset', 'e',"
                + "     'evaluation_metrics', jsonb_build_object('auc', 0.7))"
                + "   WHEN n % 3 = 0 THEN jsonb_build_object('architecture', 'mlp', 'library', 'sklearn',"
                + "     'n_params', (n * 10)::text, 'dataset', 'd', 'eval_dataset', 'e', 'metrics', jsonb_build_object('auc', '0.7'))"
                + "   ELSE jsonb_build_object('model_family', 'gbm', 'framework', 'xgboost', 'parameter_count', n,"
                + "     'training_data', 'd', 'evaluation_dataset', 'e', 'evaluation_metrics', jsonb_build_object('auc', 0.8))"
                + " END FROM generate_series(1, " + count + ") AS n");
    }

    /** {@code count} inbox files {@code model-drop-00001.json} and on; one in ten is held ({@code "~1M"}). */
    public static void dropFiles(Path inbox, int count) throws IOException {
        Files.createDirectories(inbox);
        for (int n = 1; n <= count; n++) {
            String id = String.format("model-drop-%05d", n);
            Object parameters = n % 10 == 0 ? "~1M" : n;
            Files.writeString(inbox.resolve(id + ".json"), object("id", id, "artifact_type", "model",
                    "title", "Drop " + n, "metadata", object("model_family", "gbm", "framework", "xgboost",
                            "parameter_count", parameters, "training_data", "d", "evaluation_dataset", "e",
                            "evaluation_metrics", object("auc", 0.8))).toString());
        }
    }

    /** What a run leaves behind, as checksums: rows, artifacts, events, and how many events per artifact. */
    public static List<String> state(TestDatabase database) {
        return List.of(
                database.single("SELECT md5(string_agg(artifact_id || promotion_state || coalesce(promotion_notes, '')"
                        + " || content_hash || decided_by, ',' ORDER BY artifact_id)) FROM model_versions"),
                database.single("SELECT md5(string_agg(id || metadata::text || origin_type, ',' ORDER BY id)) FROM artifacts"),
                database.single("SELECT md5(string_agg(artifact_id || event || to_state, ',' ORDER BY artifact_id))"
                        + " FROM model_version_events"),
                eventsPerArtifact(database));
    }

    /** {@code N events, at most M per artifact}. */
    public static String eventsPerArtifact(TestDatabase database) {
        return database.single("SELECT count(*) || ' events, at most ' || coalesce(max(c), 0) || ' per artifact'"
                + " FROM (SELECT count(*) AS c FROM model_version_events GROUP BY artifact_id) AS e");
    }

    /** The regular files of a folder, by name, sorted; none when it does not exist. */
    public static List<String> names(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
