package io.modelgate.cli;

import static io.modelgate.support.TestJson.envelope;
import static io.modelgate.support.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.support.JarRunner;
import io.modelgate.support.JarRunner.Result;
import io.modelgate.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run from a directory that is not the repository, as a user runs it. */
class JarCommandsIT {
    @TempDir
    Path workDir;

    @Test
    void migrateStartsTheEmbeddedDatabaseAndASecondRunChangesNothing() {
        Result first = JarRunner.run(workDir, "migrate");
        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.stdout()).contains("embedded PostgreSQL").contains("schema version 14 (applied 14 migrations)");
        assertThat(workDir.resolve(".modelgate/pgdata/PG_VERSION")).exists();

        Result second = JarRunner.run(workDir, "migrate");
        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(second.stdout()).contains("schema version 14 (up to date, nothing applied)");
    }

    @Test
    void runOnceIsTheFirstCommandOnAFreshEmbeddedDataDirectory() throws IOException {
        // Camel starts while the embedded server is created: the inbox's claims wait for it
        Files.createDirectories(workDir.resolve("inbox"));
        Files.copy(Path.of("fixtures", "ws1", "model-biophys-microglia-001.json"),
                workDir.resolve("inbox").resolve("model-biophys-microglia-001.json"));

        Result first = JarRunner.run(workDir, "run", "--once");

        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.stdout()).contains("candidate 1, review 0, failed 0");
        assertThat(first.stderr()).doesNotContain("Exception");
        assertThat(workDir.resolve("inbox/.done/model-biophys-microglia-001.json")).exists();
    }

    @Test
    void migrateWorksAgainstAnExternalServerAndNeverPrintsThePassword() {
        try (TestDatabase server = TestDatabase.start()) {
            Result first = JarRunner.run(workDir, "migrate", "--db-url", server.jdbcUrl(), "--db-user", server.user(),
                    "--db-password", "s3cret-pw");
            assertThat(first.exitCode()).as(first.all()).isZero();
            assertThat(first.stdout()).contains("schema version 14 (applied 14 migrations)");
            assertThat(first.all()).doesNotContain("s3cret-pw");

            Result second = JarRunner.run(workDir, Map.of("MODELGATE_DB_URL", server.jdbcUrl(),
                    "MODELGATE_DB_USER", server.user()), "migrate");
            assertThat(second.stdout()).as(second.all()).contains("schema version 14 (up to date, nothing applied)");
            assertThat(server.count("SELECT count(*) FROM information_schema.tables WHERE table_name IN"
                    + " ('artifacts', 'model_versions', 'model_version_events', 'etl_runs')")).isEqualTo(4);
        }
    }

    @Test
    void anUnreachableDatabaseExitsWithThree() throws IOException {
        Path config = Files.writeString(workDir.resolve("fast.properties"), "modelgate.db.connect-timeout-seconds=1\n");
        Result result = JarRunner.run(workDir, "migrate", "--config", config.toString(),
                "--db-url", "jdbc:postgresql://127.0.0.1:9/nowhere", "--db-password", "hunter2-secret");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stderr()).contains("database unavailable").contains("jdbc:postgresql://127.0.0.1:9/nowhere")
                .doesNotContain("hunter2-secret").doesNotContain("\tat ");
    }

    @Test
    void validateExitsZeroOnAValidDocumentAndOneOnAnExternalModelWithoutItsVersion() throws IOException {
        Path good = Files.writeString(workDir.resolve("good.json"), envelope("model-ok").with("title", "OK")
                .with("metadata", object("model_family", "gbm", "framework", "xgboost", "parameter_count", 10,
                        "training_data", "ADNI", "evaluation_dataset", "ADNI holdout",
                        "evaluation_metrics", object("auc", 0.8))).toString());
        Path external = Files.writeString(workDir.resolve("external.json"), envelope("model-ext").with("title", "Ext")
                .with("origin_type", "external")
                .with("metadata", object("model_family", "transformer", "framework", "pytorch", "parameter_count", "7B",
                        "training_data", "web", "evaluation_dataset", "mmlu", "evaluation_metrics", object(),
                        "external_source_url", "https://huggingface.co/org/m")).toString());

        Result ok = JarRunner.run(workDir, "validate", good.toString());
        assertThat(ok.exitCode()).as(ok.all()).isZero();
        assertThat(ok.stdout()).contains("good.json: promote");

        Result held = JarRunner.run(workDir, "validate", external.toString());
        assertThat(held.exitCode()).as(held.all()).isEqualTo(1);
        assertThat(held.stdout()).contains("external.json: review")
                .contains("/external_source_version: an external model must name the exact upstream version"
                        + " (HF revision, git SHA, Zenodo version)")
                .doesNotContain("one and only one");
        assertThat(workDir.resolve(".modelgate")).doesNotExist();
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(JarRunner.run(workDir, "validate").exitCode()).isEqualTo(2);
        assertThat(JarRunner.run(workDir, "no-such-command").exitCode()).isEqualTo(2);
        Result badConfig = JarRunner.run(workDir, "migrate", "--config", "missing.properties");
        assertThat(badConfig.exitCode()).isEqualTo(2);
        assertThat(badConfig.stderr()).contains("config file missing.properties does not exist");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"migrate", "validate", "status"}) {
            Result help = JarRunner.run(workDir, command, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.stdout()).contains("--config");
            // validate uses no database, and does not offer its options
            assertThat(help.stdout().contains("--db-url")).isEqualTo(!command.equals("validate"));
        }
    }

    @Test
    void jsonLogsAreOneObjectPerLineWithTheArtifactsFieldsAndAnUnknownFormatStartsNothing() throws IOException {
        Result json = JarRunner.run(workDir, "demo", "--log-format", "json");
        assertThat(json.exitCode()).as(json.all()).isZero();
        List<String> lines = json.stderr().lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            assertThat(io.modelgate.model.Json.parse(line).isObject()).as(line).isTrue();
        }
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("{\"artifact_id\":\"model-biophys-microglia-001\"}")
                .contains("{\"channel\":\"candidate\"}").contains("{\"change\":\"inserted\"}").contains("\"run_id\""));

        Result unknown = JarRunner.run(workDir, "run", "--once", "--log-format", "xml");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("--log-format) must be plain or json, got \"xml\"").doesNotContain("\tat ");
    }

    @Test
    void versionAndShellCompletion() {
        Result version = JarRunner.run(workDir, "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.stdout()).containsPattern("modelgate \\d+\\.\\d+\\.\\d+").contains("Java 17");
        Result completion = JarRunner.run(workDir, "generate-completion");
        assertThat(completion.exitCode()).isZero();
        assertThat(completion.stdout()).contains("complete -F").contains("review").contains("history");
    }

    @Test
    void aMalformedCronOrALockDirectoryThatCannotBeWrittenExitsTwoBeforeAnythingStarts() throws IOException {
        Path badCron = Files.writeString(workDir.resolve("cron.properties"), "modelgate.scan.cron=every 15 minutes\n");
        Result cron = JarRunner.run(workDir, "run", "--config", badCron.toString());
        assertThat(cron.exitCode()).isEqualTo(2);
        assertThat(cron.stderr()).contains("modelgate.scan.cron is not a Quartz cron expression").doesNotContain("\tat ");

        Files.writeString(workDir.resolve("a-file"), "not a directory");
        Path badLock = Files.writeString(workDir.resolve("lock.properties"), "modelgate.cluster.directory=a-file/cluster\n");
        Result lock = JarRunner.run(workDir, "run", "--config", badLock.toString());
        assertThat(lock.exitCode()).isEqualTo(2);
        assertThat(lock.stderr()).contains("modelgate.cluster.directory: cannot create the lock directory")
                .doesNotContain("\tat ");
        assertThat(workDir.resolve(".modelgate")).doesNotExist();
    }
}
