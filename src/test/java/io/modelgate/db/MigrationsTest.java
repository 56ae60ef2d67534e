package io.modelgate.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.support.DatabaseServer;
import io.modelgate.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MigrationsTest {
    /** One server for the class; each test takes an empty database of its own on it. */
    @RegisterExtension
    static final DatabaseServer SERVER = new DatabaseServer();

    private TestDatabase database;

    @BeforeEach
    void start() {
        database = SERVER.freshDatabase();
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void theNewestVersionIsTheNewestFileOfTheMigrationsFolder() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("migrations"))) {
            int newest = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .max().orElseThrow();
            assertThat(Migrations.NEWEST_VERSION).isEqualTo(newest);
        }
    }

    @Test
    void ensureMigratedAppliesWhatIsPendingAndLeavesADatabaseAtTheNewestVersionAsItIs() throws Exception {
        Migrations migrations = new Migrations(database.dataSource());
        assertThat(migrations.ensureMigrated()).isEqualTo(Migrations.NEWEST_VERSION);
        assertThat(migrations.ensureMigrated()).isZero();

        // one migration behind (V14 undone): applied again
        database.execute(DownMigrationsTest.documentedDownMigrations().get(14));
        assertThat(migrations.ensureMigrated()).isEqualTo(1);
        assertThat(migrations.currentVersion()).isEqualTo("14");

        // a failed migration on record is Flyway's to judge, not taken as up to date
        database.execute("UPDATE " + Migrations.HISTORY_TABLE + " SET success = false WHERE version = '14'");
        org.assertj.core.api.Assertions.assertThatThrownBy(migrations::ensureMigrated)
                .hasMessageContaining("failed");
    }

    @Test
    void migratesAFreshDatabaseAndRerunningIsANoOp() {
        Migrations migrations = new Migrations(database.dataSource());
        assertThat(migrations.migrate()).isEqualTo(14);
        assertThat(migrations.currentVersion()).isEqualTo("14");
        assertThat(migrations.migrate()).isZero();
        assertThat(migrations.currentVersion()).isEqualTo("14");
        assertThat(database.count("SELECT count(*) FROM flyway_schema_history")).isEqualTo(14);
    }

    @Test
    void modelVersionsHasEveryWs1ColumnWithItsPostgresType() {
        new Migrations(database.dataSource()).migrate();
        List<List<String>> columns = database.rows("SELECT column_name, data_type, is_nullable, column_default"
                + " FROM information_schema.columns WHERE table_name = 'model_versions'"
                + " AND table_schema = current_schema() ORDER BY ordinal_position");
        assertThat(columns).extracting(c -> c.get(0) + " " + c.get(1)).startsWith(
                "artifact_id text",
                "is_external boolean",
                "external_source_url text",
                "external_source_version text",
                "base_model_id text",
                "code_repo_url text",
                "code_commit_sha text",
                "code_entrypoint text",
                "training_started_at timestamp with time zone",
                "training_completed_at timestamp with time zone",
                "trained_by text",
                "gpu_allocation_id text",
                "training_params_json jsonb",
                "eval_metrics_json jsonb",
                "eval_dataset_artifact_id text",
                "benchmark_id text",
                "promotion_state text",
                "promotion_notes text",
                "created_at timestamp with time zone");
        assertThat(columns).filteredOn(c -> c.get(0).equals("is_external"))
                .singleElement().satisfies(c -> assertThat(c.get(2) + " " + c.get(3)).isEqualTo("NO false"));
        assertThat(columns).filteredOn(c -> c.get(0).equals("promotion_state"))
                .singleElement().satisfies(c -> assertThat(c.get(2) + " " + c.get(3)).isEqualTo("NO 'candidate'::text"));
        assertThat(columns).filteredOn(c -> c.get(0).equals("created_at"))
                .singleElement().satisfies(c -> assertThat(c.get(2) + " " + c.get(3)).isEqualTo("NO now()"));
    }

    @Test
    void modelVersionsHasTheCheckTheIndexesAndTheForeignKeys() {
        new Migrations(database.dataSource()).migrate();
        String check = database.single("SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conrelid = 'model_versions'::regclass AND contype = 'c'");
        assertThat(check).contains("promotion_state").contains("'candidate'").contains("'promoted'")
                .contains("'rejected'").contains("'superseded'");
        assertThat(database.rows("SELECT indexname FROM pg_indexes WHERE tablename = 'model_versions'"
                + " AND schemaname = current_schema()"))
                .extracting(r -> r.get(0))
                .contains("idx_model_versions_base", "idx_model_versions_trained_by", "idx_model_versions_promotion");
        List<String> foreignKeys = database.rows("SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conrelid = 'model_versions'::regclass AND contype = 'f' ORDER BY 1")
                .stream().map(r -> r.get(0)).toList();
        assertThat(foreignKeys).containsExactlyInAnyOrder(
                "FOREIGN KEY (artifact_id) REFERENCES artifacts(id) ON DELETE CASCADE",
                "FOREIGN KEY (base_model_id) REFERENCES artifacts(id)",
                "FOREIGN KEY (eval_dataset_artifact_id) REFERENCES artifacts(id)");
        assertThat(database.single("SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conrelid = 'model_versions'::regclass AND contype = 'p'")).isEqualTo("PRIMARY KEY (artifact_id)");
    }

    @Test
    void aDatabaseThatAlreadyHasArtifactsIsBaselinedAtVersionOne() {
        database.execute("CREATE TABLE artifacts (id TEXT PRIMARY KEY, artifact_type TEXT NOT NULL, title TEXT NOT NULL,"
                + " metadata JSONB NOT NULL, version_number INTEGER NOT NULL DEFAULT 1, parent_version_id TEXT,"
                + " version_tag TEXT, changelog TEXT, is_latest BOOLEAN NOT NULL DEFAULT true,"
                + " lifecycle_state TEXT NOT NULL DEFAULT 'active', superseded_by TEXT,"
                + " origin_type TEXT NOT NULL DEFAULT 'internal', origin_url TEXT,"
                + " created_at TIMESTAMPTZ NOT NULL DEFAULT now(), updated_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata)"
                + " VALUES ('paper-1', 'paper', 'A paper', '{}')");

        Migrations migrations = new Migrations(database.dataSource());
        assertThat(migrations.migrate()).isEqualTo(13);

        assertThat(migrations.currentVersion()).isEqualTo("14");
        assertThat(database.rows("SELECT version, type FROM flyway_schema_history ORDER BY installed_rank"))
                .extracting(r -> r.get(0) + " " + r.get(1))
                .containsExactly("1 BASELINE", "2 SQL", "3 SQL", "4 SQL", "5 SQL", "6 SQL", "7 SQL", "8 SQL", "9 SQL", "10 SQL", "11 SQL",
                        "12 SQL", "13 SQL", "14 SQL");
        assertThat(database.single("SELECT title FROM artifacts WHERE id = 'paper-1'")).isEqualTo("A paper");
        assertThat(migrations.migrate()).isZero();
    }

    @Test
    void eventsAreAppendOnly() {
        new Migrations(database.dataSource()).migrate();
        database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata) VALUES ('m1', 'model', 'M', '{}')");
        database.execute("INSERT INTO model_version_events (artifact_id, event, to_state, actor)"
                + " VALUES ('m1', 'registered', 'candidate', 'modelgate')");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> database.execute("UPDATE model_version_events SET to_state = 'promoted'"))
                .hasMessageContaining("append-only");
    }
}
