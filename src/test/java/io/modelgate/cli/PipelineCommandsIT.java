package io.modelgate.cli;

import static io.modelgate.support.TestJson.decision;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelgate.inbox.InboxTestFiles;
import io.modelgate.model.Json;
import io.modelgate.support.DatabaseServer;
import io.modelgate.support.Eventually;
import io.modelgate.support.JarRunner;
import io.modelgate.support.JarRunner.Result;
import io.modelgate.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline commands of the packaged jar, run as a user runs them. */
class PipelineCommandsIT {
    /** One PostgreSQL for the class; each test takes an empty database of its own on it. */
    @RegisterExtension
    static final DatabaseServer SERVER = new DatabaseServer();

    private static final Pattern SUMMARY = Pattern.compile("summary: (\\S+)");

    @TempDir
    Path workDir;

    private static JsonNode summaryOf(Path workDir, Result result) throws IOException {
        Matcher matcher = SUMMARY.matcher(result.stdout());
        assertThat(matcher.find()).as(result.all()).isTrue();
        return Json.parse(Files.readString(workDir.resolve(matcher.group(1))));
    }

    @Test
    void demoRunsTheWs1BackfillOnAFreshEmbeddedDatabase() throws IOException {
        Result demo = JarRunner.run(workDir, "demo");

        assertThat(demo.exitCode()).as(demo.all()).isZero();
        assertThat(demo.stdout()).contains("model artifacts: 8")
                .contains("model_versions: promoted 6, candidate 2, rejected 0, superseded 0")
                .containsPattern("report: reports/run-\\S+\\.md");
        JsonNode summary = summaryOf(workDir, demo);
        assertThat(summary.get("counts").get("promote").asInt()).isGreaterThanOrEqualTo(6);
        Path report = workDir.resolve("reports").resolve(summary.get("run_id").asText() + ".md");
        assertThat(Files.size(report)).isGreaterThan(2048);
        assertThat(demo.stderr()).doesNotContain("Exception").doesNotContain("SLF4J");
    }

    @Test
    void demoThenBackfillOnAnExternalDatabaseLeavesEverythingUnchanged() throws IOException {
        try (TestDatabase server = SERVER.freshDatabase()) {
            String[] db = {"--db-url", server.jdbcUrl(), "--db-user", server.user()};
            Result demo = JarRunner.run(workDir, concat(new String[] {"demo"}, db));
            assertThat(demo.exitCode()).as(demo.all()).isZero();
            String rows = server.single("SELECT md5(string_agg(t::text, ',' ORDER BY artifact_id)) FROM model_versions t");
            String events = server.single("SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM model_version_events t");

            Result backfill = JarRunner.run(workDir, concat(new String[] {"backfill", "--summary-json", "second.json"}, db));

            assertThat(backfill.exitCode()).as(backfill.all()).isZero();
            // stderr carries the log lines and nothing from the logging library itself
            assertThat(backfill.stderr()).doesNotContain("SLF4J");
            JsonNode summary = Json.parse(Files.readString(workDir.resolve("second.json")));
            assertThat(summary.get("mode").asText()).isEqualTo("backfill");
            assertThat(summary.get("counts").get("unchanged").asInt()).isEqualTo(8);
            assertThat(summary.get("artifacts")).hasSize(8)
                    .allSatisfy(a -> assertThat(a.get("change").asText()).isEqualTo("unchanged"));
            assertThat(server.single("SELECT md5(string_agg(t::text, ',' ORDER BY artifact_id)) FROM model_versions t"))
                    .isEqualTo(rows);
            assertThat(server.single("SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM model_version_events t"))
                    .isEqualTo(events);
            Result status = JarRunner.run(workDir, concat(new String[] {"status"}, db));
            assertThat(status.stdout()).contains("promoted   6").contains("candidate  2").contains("backfill");
            // a terminal's width: no line over 100 columns, times to the second
            assertThat(status.stdout().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
            assertThat(status.stdout()).containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}Z\\n");
        }
    }

    @Test
    void runOnceSettlesEveryInboxFileAsTheContractSays() throws Exception {
        Path inbox = Files.createDirectories(workDir.resolve("drop"));
        Path queue = workDir.resolve("tickets");
        InboxTestFiles.writeMixedInbox(inbox);
        // entries that are not regular files are never opened: a pipe would block the poll, a
        // link would read what it points at
        boolean fifo = new ProcessBuilder("mkfifo", inbox.resolve("pipe.json").toString()).start().waitFor() == 0;
        Files.createSymbolicLink(inbox.resolve("evil.json"), Path.of("/etc/passwd"));
        try (TestDatabase server = SERVER.freshDatabase()) {
            // a flag wins over the environment
            Path elsewhere = Files.createDirectories(workDir.resolve("not-this-inbox"));
            Files.writeString(elsewhere.resolve("other.json"), InboxTestFiles.promotable("model-other"));
            Result once = JarRunner.run(workDir, java.util.Map.of("MODELGATE_INBOX", elsewhere.toString()), "run", "--once",
                    "--inbox", inbox.toString(), "--review-queue", queue.toString(), "--db-url", server.jdbcUrl(),
                    "--db-user", server.user());
            assertThat(elsewhere.resolve("other.json")).exists();

            assertThat(once.exitCode()).as(once.all()).isEqualTo(1);
            assertThat(server.single("SELECT promotion_state FROM model_versions WHERE artifact_id = 'model-promote'"))
                    .isEqualTo("promoted");
            assertThat(queue.resolve("model-schema.md")).exists();
            assertThat(queue.resolve("model-schema.json")).exists();
            assertThat(inbox.resolve(".done/promote.json")).exists();
            assertThat(inbox.resolve(".done/schema.json")).exists();
            assertThat(inbox.resolve(".failed/broken.json")).exists();
            assertThat(inbox.resolve(".failed/broken.json.error.txt")).exists();
            assertThat(inbox.resolve(".hidden.json")).exists();
            assertThat(inbox.resolve("upload.json.part")).exists();
            assertThat(once.stderr()).doesNotContain("\tat ");
            assertThat(once.stdout()).contains("left alone, not read: ").contains("evil.json (a symbolic link")
                    .doesNotContain("root:");
            if (fifo) {
                assertThat(once.stdout()).contains("pipe.json (not a regular file (a named pipe");
            }
            assertThat(Files.isSymbolicLink(inbox.resolve("evil.json"))).isTrue();
        }
    }

    @Test
    void theDaemonWatchesTheInboxAndTheDecisionsScansOnItsScheduleAndStopsCleanlyOnSigterm() throws Exception {
        Path inbox = Files.createDirectories(workDir.resolve("inbox"));
        Path config = Files.writeString(workDir.resolve("daemon.properties"),
                "modelgate.scan.cron=0/2 * * * * ?\nmodelgate.inbox.poll-delay=300\nmodelgate.inbox.settle-millis=100\n"
                        + "modelgate.health.port=0\n");
        try (TestDatabase server = SERVER.freshDatabase()) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", JarRunner.JAR.toString(), "run", "--config", config.toString(),
                    "--db-url", server.jdbcUrl(), "--db-user", server.user()));
            Path log = workDir.resolve("daemon.log");
            Process daemon = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                Files.writeString(inbox.resolve("promote.json"), InboxTestFiles.promotable("model-daemon-inbox"));
                Eventually.waitFor(() -> Files.exists(inbox.resolve(".done/promote.json")), () -> Eventually.read(log));
                server.execute("INSERT INTO artifacts (id, artifact_type, title, metadata) VALUES ('model-daemon-scan',"
                        + " 'model', 'Scanned', '" + InboxTestFiles.promotableMetadata() + "')");
                Eventually.waitFor(() -> server.count("SELECT count(*) FROM model_versions WHERE artifact_id = 'model-daemon-scan'") == 1,
                        () -> Eventually.read(log));
                // a reviewer's decision file is picked up too
                Path decisions = Files.createDirectories(workDir.resolve("review-queue/decisions"));
                Files.writeString(decisions.resolve("model-daemon-scan.json"),
                        decision("model-daemon-scan", "reject", "ops", "withdrawn").toString());
                Eventually.waitFor(() -> Files.exists(decisions.resolve(".done/model-daemon-scan.json")), () -> Eventually.read(log));
            } finally {
                daemon.destroy();
            }
            assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).as("stops after SIGTERM").isTrue();
            String output = Files.readString(log);
            assertThat(daemon.exitValue()).as(output).isZero();
            assertThat(output).contains("model-daemon-inbox -> promote").contains("model-daemon-scan -> promote")
                    .doesNotContain("\tat ");
            // the start-up line says what the daemon watches, when it scans next, and where its health is
            assertThat(output).contains("modelgate is running: inbox " + inbox.toAbsolutePath())
                    .contains("decision files in " + workDir.resolve("review-queue/decisions").toAbsolutePath())
                    .contains("scan on \"0/2 * * * * ?\" (next at ").contains("no health endpoint (modelgate.health.port=0)");
            assertThat(server.count("SELECT count(*) FROM etl_runs WHERE mode = 'inbox' AND status = 'succeeded'"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(server.count("SELECT count(*) FROM model_versions")).isEqualTo(2);
            assertThat(server.rows("SELECT promotion_state, decided_by FROM model_versions WHERE artifact_id = 'model-daemon-scan'"))
                    .containsExactly(List.of("rejected", "reviewer:ops"));
        }
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
