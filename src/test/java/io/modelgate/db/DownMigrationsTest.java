package io.modelgate.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The down-migration SQL documented in docs/schema.md undoes each migration, and migrating up again works. */
class DownMigrationsTest {
    private static final Pattern DOWN_BLOCK = Pattern.compile("```sql down=V(\\d+)\\n(.*?)```", Pattern.DOTALL);

    static Map<Integer, String> documentedDownMigrations() throws IOException {
        String schemaDoc = Files.readString(Path.of("docs", "schema.md"));
        Map<Integer, String> blocks = new LinkedHashMap<>();
        Matcher matcher = DOWN_BLOCK.matcher(schemaDoc);
        while (matcher.find()) {
            blocks.put(Integer.parseInt(matcher.group(1)), matcher.group(2));
        }
        return blocks;
    }

    @Test
    void everyMigrationHasItsDownSqlDocumented() throws IOException {
        assertThat(documentedDownMigrations().keySet()).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
    }

    @Test
    void downSqlUndoesEachMigrationInTurnAndUpMigratesAgain() throws IOException {
        Map<Integer, String> down = documentedDownMigrations();
        try (TestDatabase database = TestDatabase.start()) {
            Migrations migrations = new Migrations(database.dataSource());
            migrations.migrate();
            database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata) VALUES ('m', 'model', 'M', '{}')");
            database.execute("INSERT INTO model_versions (artifact_id) VALUES ('m')");

            List<Integer> newestFirst = down.keySet().stream().sorted(java.util.Comparator.reverseOrder()).toList();
            for (int i = 0; i < newestFirst.size(); i++) {
                int version = newestFirst.get(i);
                database.execute(down.get(version));
                assertThat(migrations.currentVersion())
                        .isEqualTo(i + 1 == newestFirst.size() ? "none" : String.valueOf(newestFirst.get(i + 1)));
                if (version == 13) {
                    assertThat(database.single("SELECT to_regclass('review_holds')")).isNull();
                }
                if (version == 11) {
                    assertThat(database.single("SELECT to_regclass('held_inbox_documents')")).isNull();
                }
                if (version == 10) {
                    assertThat(database.count("SELECT count(*) FROM information_schema.columns"
                            + " WHERE table_name = 'camel_messageprocessed' AND column_name = 'claimed_at'")).isZero();
                }
                if (version == 9) {
                    assertThat(database.count("SELECT count(*) FROM information_schema.columns"
                            + " WHERE table_name = 'camel_messageprocessed' AND column_name = 'holder'")).isZero();
                }
                if (version == 8) {
                    assertThat(database.count("SELECT count(*) FROM information_schema.columns"
                            + " WHERE table_name = 'model_version_events' AND column_name = 'note'")).isZero();
                }
                if (version == 7) {
                    assertThat(database.single("SELECT to_regclass('artifact_assessments')")).isNull();
                }
                if (version == 6) {
                    assertThat(database.single("SELECT to_regclass('camel_messageprocessed')")).isNull();
                }
                if (version == 5) {
                    assertThat(database.count("SELECT count(*) FROM information_schema.columns"
                            + " WHERE table_name = 'model_versions' AND column_name = 'content_hash'")).isZero();
                }
                if (version == 2) {
                    assertThat(database.single("SELECT to_regclass('model_versions')")).isNull();
                }
            }
            assertThat(database.single("SELECT to_regclass('artifacts')")).isNull();

            assertThat(migrations.migrate()).isEqualTo(14);
            assertThat(migrations.currentVersion()).isEqualTo("14");
        }
    }
}
