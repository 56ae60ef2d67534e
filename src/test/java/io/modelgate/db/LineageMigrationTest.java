package io.modelgate.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.support.TestDatabase;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** V12 on a database that already holds two promoted versions of one lineage: it keeps one, and says so. */
class LineageMigrationTest {
    @Test
    void keepsTheReviewersOrElseTheNewestPromotedVersionAndSupersedesTheOthersWithAnEvent() throws Exception {
        try (TestDatabase database = TestDatabase.start()) {
            Migrations migrations = new Migrations(database.dataSource());
            migrations.migrate();
            // back to the version before V12: its own down and that of every later version
            database.execute(DownMigrationsTest.documentedDownMigrations().get(14));
            database.execute(DownMigrationsTest.documentedDownMigrations().get(13));
            database.execute(DownMigrationsTest.documentedDownMigrations().get(12));
            assertThat(migrations.currentVersion()).isEqualTo("11");
            // lineage a: three promoted by the pipeline; lineage b: the older one promoted by a reviewer
            database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata, parent_version_id) VALUES"
                    + " ('a1', 'model', 'A', '{}', NULL), ('a2', 'model', 'A', '{}', 'a1'), ('a3', 'model', 'A', '{}', 'a2'),"
                    + " ('b1', 'model', 'B', '{}', NULL), ('b2', 'model', 'B', '{}', 'b1'), ('c1', 'model', 'C', '{}', NULL)");
            database.execute("INSERT INTO model_versions (artifact_id, promotion_state, decided_by) VALUES"
                    + " ('a1', 'promoted', 'pipeline'), ('a2', 'promoted', 'pipeline'), ('a3', 'promoted', 'pipeline'),"
                    + " ('b1', 'promoted', 'reviewer:ann'), ('b2', 'promoted', 'pipeline'), ('c1', 'promoted', 'pipeline')");

            assertThat(migrations.migrate()).isEqualTo(3);

            assertThat(database.rows("SELECT artifact_id, promotion_state, lineage_id FROM model_versions"
                    + " ORDER BY artifact_id")).containsExactly(List.of("a1", "superseded", "a1"),
                    List.of("a2", "superseded", "a1"), List.of("a3", "promoted", "a1"),
                    List.of("b1", "promoted", "b1"), List.of("b2", "superseded", "b1"), List.of("c1", "promoted", "c1"));
            assertThat(database.rows("SELECT artifact_id, event, from_state, to_state, actor, note"
                    + " FROM model_version_events ORDER BY artifact_id")).containsExactly(
                    Arrays.asList("a1", "superseded", "promoted", "superseded", "modelgate",
                            "superseded by a3 when one promoted version per lineage began to be enforced (V12)"),
                    Arrays.asList("a2", "superseded", "promoted", "superseded", "modelgate",
                            "superseded by a3 when one promoted version per lineage began to be enforced (V12)"),
                    Arrays.asList("b2", "superseded", "promoted", "superseded", "modelgate",
                            "superseded by b1 when one promoted version per lineage began to be enforced (V12)"));
        }
    }
}
