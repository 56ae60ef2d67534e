package io.modelgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.config.Settings;
import io.modelgate.db.Migrations;
import io.modelgate.support.PipelineHarness;
import io.modelgate.support.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark compares like with like only when the pipeline and the plain-Java baseline leave
 * the same rows, metadata and events. Two cycles of the synthetic shapes hold every case the
 * benchmark meets at any size, among them numbers whose jsonb text differs from the parsed value
 * written again (2.0, 1.0E-6): an event's metadata before is the stored text on both sides.
 */
class BaselineAgreementTest {
    private static final int ARTIFACTS = 160;

    @TempDir
    Path root;

    @Test
    void thePipelineAndTheBaselineLeaveTheSameDatabase() {
        // one server: the baseline works in a database of its own beside the pipeline's
        try (TestDatabase pipelineDb = TestDatabase.start(); TestDatabase baselineDb = pipelineDb.freshDatabase()) {
            PipelineHarness harness = new PipelineHarness(pipelineDb, root);
            SyntheticArtifacts.insert(pipelineDb.dataSource(), ARTIFACTS);
            harness.backfill();

            new Migrations(baselineDb.dataSource()).migrate();
            SyntheticArtifacts.insert(baselineDb.dataSource(), ARTIFACTS);
            new PlainJdbcBaseline(baselineDb.dataSource(), Settings.defaultsWith(Map.of())).run("baseline");

            ThroughputBenchmark.Outcome pipeline = ThroughputBenchmark.Outcome.of(pipelineDb, root.resolve("pipeline.txt"));
            ThroughputBenchmark.Outcome baseline = ThroughputBenchmark.Outcome.of(baselineDb, root.resolve("baseline.txt"));
            assertThat(pipeline.differences(baseline, 10)).isEmpty();
            assertThat(pipeline.versions()).isEqualTo(ARTIFACTS);
            assertThat(pipeline.same(baseline)).isTrue();
        }
    }
}
