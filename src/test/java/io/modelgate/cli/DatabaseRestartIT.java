package io.modelgate.cli;

import static io.modelgate.support.RecoveryFixtures.dropFiles;
import static io.modelgate.support.RecoveryFixtures.eventsPerArtifact;
import static io.modelgate.support.RecoveryFixtures.insertArtifacts;
import static io.modelgate.support.RecoveryFixtures.names;
import static io.modelgate.support.RecoveryFixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.db.Migrations;
import io.modelgate.support.DatabaseServer;
import io.modelgate.support.Eventually;
import io.modelgate.support.JarRunner;
import io.modelgate.support.RestartableDatabase;
import io.modelgate.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar against a PostgreSQL that is restarted, or stopped, in the middle of its work, each
 * trial compared with the same work on a second database that was never interrupted. A restart
 * shorter than the retry budget is absorbed: exit 0 and the same state. A database that stays
 * away past it ends the run failed (exit 3), in bounded time, with what was left said, and the
 * next run picks it up.
 */
class DatabaseRestartIT {
    /**
     * One PostgreSQL for the uninterrupted references, each in an empty database of its own on it;
     * the trials restart servers of their own ({@link RestartableDatabase}).
     */
    @RegisterExtension
    static final DatabaseServer SERVER = new DatabaseServer();

    private static final int ARTIFACTS = 6000;
    private static final int FILES = 1500;
    /** A retry budget of a few seconds, so that "past the budget" fits in a test. */
    private static final String SHORT_BUDGET = "modelgate.db.retries=1\nmodelgate.db.retry-delay-millis=100\n"
            + "modelgate.db.connect-timeout-seconds=2\nmodelgate.db.away-seconds=5\n";

    @TempDir
    Path workDir;

    @BeforeEach
    void embeddedOnly() {
        // the trials restart a server of their own; one named by MODELGATE_TEST_DB_URL is not theirs to stop
        Assumptions.assumeTrue(System.getenv(TestDatabase.EXTERNAL_URL_VARIABLE) == null);
    }

    private String[] args(String url, Path root, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--db-url", url, "--db-user", "postgres", "--inbox", root.resolve("inbox").toString(),
                "--review-queue", root.resolve("review-queue").toString()));
        return args.toArray(String[]::new);
    }

    private Process start(Path folder, String... args) throws IOException {
        Files.createDirectories(folder);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JarRunner.JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(folder.toFile()).redirectOutput(folder.resolve("out.txt").toFile())
                .redirectError(folder.resolve("err.txt").toFile()).start();
    }

    /** Waits until the running process has written some artifacts; returns how many rows it had then. */
    private static int waitForWrites(TestDatabase database, Process process) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        int written = 0;
        while (process.isAlive() && System.currentTimeMillis() < deadline
                && (written = database.count("SELECT count(*) FROM model_versions")) < 200) {
            Thread.sleep(20);
        }
        return written;
    }

    private static String output(Path folder) {
        return Eventually.read(folder.resolve("out.txt")) + Eventually.read(folder.resolve("err.txt"));
    }

    /** The same work on a database that is never interrupted: the state to compare with. */
    private List<String> uninterrupted(String name, boolean artifacts, boolean files, String... command) throws IOException {
        Path root = workDir.resolve("reference-" + name);
        try (TestDatabase reference = SERVER.freshDatabase()) {
            new Migrations(reference.dataSource()).migrate();
            if (artifacts) {
                insertArtifacts(reference, "model-restart-", ARTIFACTS);
            }
            if (files) {
                dropFiles(root.resolve("inbox"), FILES);
            }
            JarRunner.Result run = JarRunner.run(workDir, args(reference.jdbcUrl(), root, command));
            assertThat(run.exitCode()).as(run.all()).isZero();
            return state(reference);
        }
    }

    @Test
    void aRestartDuringTheBackfillIsAbsorbed() throws Exception {
        List<String> expected = uninterrupted("backfill", true, false, "backfill");
        Path root = workDir.resolve("backfill");
        try (RestartableDatabase server = new RestartableDatabase(workDir.resolve("pgdata"));
             TestDatabase database = server.connect()) {
            new Migrations(database.dataSource()).migrate();
            insertArtifacts(database, "model-restart-", ARTIFACTS);
            Process backfill = start(root, args(server.jdbcUrl(), root, "backfill"));
            int before = waitForWrites(database, backfill);
            server.restart(Duration.ofSeconds(2));
            assertThat(backfill.waitFor(3, TimeUnit.MINUTES)).isTrue();

            // the restart came while there was work left, and the run rode it out
            assertThat(before).isLessThan(ARTIFACTS);
            assertThat(backfill.exitValue()).as(output(root)).isZero();
            assertThat(state(database)).isEqualTo(expected);
            assertThat(database.single("SELECT string_agg(status, ',') FROM etl_runs")).isEqualTo("succeeded");
        }
    }

    @Test
    void aRestartDuringTheIncrementalScanAndTheInboxOfRunOnceIsAbsorbed() throws Exception {
        List<String> expected = uninterrupted("once", true, true, "run", "--once");
        Path root = workDir.resolve("once");
        dropFiles(root.resolve("inbox"), FILES);
        try (RestartableDatabase server = new RestartableDatabase(workDir.resolve("pgdata"));
             TestDatabase database = server.connect()) {
            new Migrations(database.dataSource()).migrate();
            insertArtifacts(database, "model-restart-", ARTIFACTS);
            Process once = start(root, args(server.jdbcUrl(), root, "run", "--once"));
            int before = waitForWrites(database, once);
            server.restart(Duration.ofSeconds(2));
            assertThat(once.waitFor(3, TimeUnit.MINUTES)).isTrue();

            assertThat(before).isLessThan(ARTIFACTS + FILES);
            assertThat(once.exitValue()).as(output(root)).isZero();
            assertThat(state(database)).isEqualTo(expected);
            assertThat(names(root.resolve("inbox"))).isEmpty();
            assertThat(names(root.resolve("inbox/.done"))).hasSize(FILES);
        }
    }

    @Test
    void aScanTheDatabaseLeavesPastTheBudgetFailsSaysWhatWasLeftAndTheNextRunReadsIt() throws Exception {
        List<String> expected = uninterrupted("scan-left", true, false, "run", "--once");
        Path root = workDir.resolve("scan-left");
        Path config = Files.writeString(workDir.resolve("short-budget.properties"), SHORT_BUDGET);
        try (RestartableDatabase server = new RestartableDatabase(workDir.resolve("pgdata"));
             TestDatabase database = server.connect()) {
            new Migrations(database.dataSource()).migrate();
            insertArtifacts(database, "model-restart-", ARTIFACTS);
            Process once = start(root, args(server.jdbcUrl(), root, "run", "--once", "--config", config.toString()));
            waitForWrites(database, once);
            server.stop();
            assertThat(once.waitFor(2, TimeUnit.MINUTES)).isTrue();
            server.start();

            String output = output(root);
            assertThat(once.exitValue()).as(output).isEqualTo(3);
            assertThat(output).containsPattern("[1-9][0-9]* database row\\(s\\) are read again by the next scan");
            assertThat(database.single("SELECT count(*) FROM etl_runs WHERE status = 'succeeded'")).isEqualTo("0");

            // the scan's mark did not move: the next incremental run reads the rows that were left
            JarRunner.Result rerun = JarRunner.run(workDir, args(server.jdbcUrl(), root, "run", "--once"));
            assertThat(rerun.exitCode()).as(rerun.all()).isZero();
            assertThat(state(database)).isEqualTo(expected);
        }
    }

    @Test
    void withTheDatabaseGoneRunOnceEndsWithinTheRetryBudgetWhateverTheInboxSize() throws Exception {
        Path root = workDir.resolve("gone");
        dropFiles(root.resolve("inbox"), FILES);
        Path config = Files.writeString(workDir.resolve("short-budget.properties"), SHORT_BUDGET);
        try (RestartableDatabase server = new RestartableDatabase(workDir.resolve("pgdata"));
             TestDatabase database = server.connect()) {
            new Migrations(database.dataSource()).migrate();
            Process once = start(root, args(server.jdbcUrl(), root, "run", "--once", "--config", config.toString()));
            waitForWrites(database, once);
            server.stop();
            long stoppedAt = System.nanoTime();
            // the budget: two tries of at most 2 s each and a 0.1 s pause; the rest is left at once
            assertThat(once.waitFor(60, TimeUnit.SECONDS)).as(output(root)).isTrue();
            long seconds = (System.nanoTime() - stoppedAt) / 1_000_000_000L;

            String output = output(root);
            assertThat(once.exitValue()).as(output).isEqualTo(3);
            assertThat(seconds).as(output).isLessThan(30);
            assertThat(output).contains("left for the next run").doesNotContain("\tat ");
            // nothing lost: every file is in the inbox still, or done
            assertThat(names(root.resolve("inbox")).size() + names(root.resolve("inbox/.done")).size()).isEqualTo(FILES);
            assertThat(names(root.resolve("inbox"))).isNotEmpty();
        }
    }

    @Test
    void threeDaemonsOnOneInboxReadEachFileOnceThroughARestart() throws Exception {
        Path root = workDir.resolve("daemons");
        dropFiles(root.resolve("inbox"), FILES);
        Path config = Files.writeString(workDir.resolve("daemon.properties"), "modelgate.inbox.poll-delay=300\n"
                + "modelgate.inbox.settle-millis=100\nmodelgate.health.port=0\nmodelgate.inbox.batch-size=50\n"
                + "modelgate.scan.cron=0 0 0 1 1 ? 2099\n");
        List<Process> daemons = new ArrayList<>();
        try (RestartableDatabase server = new RestartableDatabase(workDir.resolve("pgdata"));
             TestDatabase database = server.connect()) {
            new Migrations(database.dataSource()).migrate();
            try {
                for (int i = 0; i < 3; i++) {
                    daemons.add(start(root.resolve("daemon-" + i), args(server.jdbcUrl(), root, "run", "--config",
                            config.toString())));
                }
                int before = waitForWrites(database, daemons.get(0));
                server.restart(Duration.ofSeconds(2));
                long deadline = System.currentTimeMillis() + 180_000;
                while (System.currentTimeMillis() < deadline
                        && !(names(root.resolve("inbox")).isEmpty() && names(root.resolve("inbox/.done")).size() >= FILES)) {
                    Thread.sleep(200);
                }
                // the claims of the files in flight are released a moment after their moves
                Thread.sleep(3000);

                String logs = daemonLogs(root);
                assertThat(before).isLessThan(FILES);
                assertThat(names(root.resolve("inbox"))).as(logs).isEmpty();
                // each file read once: none renamed aside in .done by a second reader
                List<String> expectedNames = new ArrayList<>();
                for (int n = 1; n <= FILES; n++) {
                    expectedNames.add(String.format("model-drop-%05d.json", n));
                }
                assertThat(names(root.resolve("inbox/.done"))).as(logs).isEqualTo(expectedNames);
                assertThat(eventsPerArtifact(database)).isEqualTo(FILES * 9 / 10 + " events, at most 1 per artifact");
                assertThat(logs).doesNotContain("Cannot rename");
            } finally {
                for (Process daemon : daemons) {
                    daemon.destroy();
                }
                for (Process daemon : daemons) {
                    daemon.waitFor(60, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static String daemonLogs(Path root) {
        StringBuilder logs = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            logs.append(output(root.resolve("daemon-" + i)));
        }
        return logs.toString();
    }
}
