package io.modelgate.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.run.RunResult;
import io.modelgate.support.PipelineHarness;
import io.modelgate.support.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scan longer than one fetch of the streamed result reads every row. */
class LargeScanTest {
    private static final int ARTIFACTS = 1_234;

    @TempDir
    Path root;

    @Test
    void aBackfillReadsEveryModelArtifactAcrossManyFetches() {
        try (TestDatabase database = TestDatabase.start()) {
            PipelineHarness harness = new PipelineHarness(database, root);
            database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata)"
                    + " SELECT 'model-bulk-' || lpad(n::text, 5, '0'), 'model', 'Bulk ' || n,"
                    + " jsonb_build_object('architecture', 'mlp', 'library', 'sklearn', 'n_params', (n * 10)::text,"
                    + " 'dataset', 'd', 'eval_dataset', 'e', 'metrics', jsonb_build_object('auc', '0.7'))"
                    + " FROM generate_series(1, " + ARTIFACTS + ") AS n");

            RunResult first = harness.backfill();

            assertThat(first.count("promote")).isEqualTo(ARTIFACTS);
            assertThat(database.count("SELECT count(*) FROM model_versions")).isEqualTo(ARTIFACTS);

            RunResult second = harness.backfill();
            assertThat(second.count("unchanged")).isEqualTo(ARTIFACTS);
        }
    }
}
