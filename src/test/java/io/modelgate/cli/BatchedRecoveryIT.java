package io.modelgate.cli;

import static io.modelgate.support.RecoveryFixtures.dropFiles;
import static io.modelgate.support.RecoveryFixtures.eventsPerArtifact;
import static io.modelgate.support.RecoveryFixtures.insertArtifacts;
import static io.modelgate.support.RecoveryFixtures.names;
import static io.modelgate.support.RecoveryFixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.db.Migrations;
import io.modelgate.support.DatabaseServer;
import io.modelgate.support.JarRunner;
import io.modelgate.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batched paths lose nothing when the process is killed at any moment: the scan (two batches at once, each in one transaction, then recorded as settled) and
 * the inbox (a poll's files written in batches, each file moved after its batch committed). The
 * next run converges on the state of a run that was never interrupted, with one event per
 * artifact and every file in exactly one place. A database restart is tried in
 * {@link DatabaseRestartIT}.
 */
class BatchedRecoveryIT {
    /** One PostgreSQL for the class; each test takes an empty database of its own on it. */
    @RegisterExtension
    static final DatabaseServer SERVER = new DatabaseServer();

    private static final int ARTIFACTS = 6000;
    private final Random random = new Random();

    @TempDir
    Path workDir;

    private List<String> tickets(Path reviewQueue) throws IOException {
        try (Stream<Path> files = Files.list(reviewQueue)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }

    private Process startBackfill(String jdbcUrl, String user, Path folder) throws IOException {
        Files.createDirectories(folder);
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JarRunner.JAR.toString(), "backfill", "--db-url", jdbcUrl, "--db-user", user,
                "--review-queue", workDir.resolve("review-queue").toString())
                .directory(folder.toFile())
                .redirectOutput(folder.resolve("out.txt").toFile())
                .redirectError(folder.resolve("err.txt").toFile())
                .start();
    }

    /** Waits until the running backfill has written some of the artifacts, then a random moment more. */
    private void waitForWrites(TestDatabase database, Process process) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (process.isAlive() && System.currentTimeMillis() < deadline
                && database.count("SELECT count(*) FROM model_versions") == 0) {
            Thread.sleep(20);
        }
        Thread.sleep(random.nextInt(400));
    }

    private List<String> uninterruptedState() {
        try (TestDatabase reference = SERVER.freshDatabase()) {
            new Migrations(reference.dataSource()).migrate();
            insertArtifacts(reference, "model-crash-", ARTIFACTS);
            JarRunner.Result run = JarRunner.run(workDir, "backfill", "--db-url", reference.jdbcUrl(), "--db-user",
                    reference.user(), "--review-queue", workDir.resolve("reference-queue").toString());
            assertThat(run.exitCode()).as(run.all()).isZero();
            return state(reference);
        }
    }

    @Test
    void killedAtRandomMomentsTheBackfillConvergesOnTheUninterruptedState() throws Exception {
        List<String> expected = uninterruptedState();
        try (TestDatabase database = SERVER.freshDatabase()) {
            new Migrations(database.dataSource()).migrate();
            insertArtifacts(database, "model-crash-", ARTIFACTS);
            int interrupted = 0;
            for (int kill = 1; kill <= 3; kill++) {
                Process backfill = startBackfill(database.jdbcUrl(), database.user(), workDir.resolve("killed-" + kill));
                waitForWrites(database, backfill);
                backfill.destroyForcibly();
                assertThat(backfill.waitFor(30, TimeUnit.SECONDS)).isTrue();
                if (database.count("SELECT count(*) FROM artifact_assessments") < ARTIFACTS) {
                    interrupted++;
                }
            }
            // the kills came while there was work left, not after the backfill was done
            assertThat(interrupted).isPositive();
            JarRunner.Result rerun = JarRunner.run(workDir, "backfill", "--db-url", database.jdbcUrl(), "--db-user",
                    database.user(), "--review-queue", workDir.resolve("review-queue").toString());

            assertThat(rerun.exitCode()).as(rerun.all()).isZero();
            assertThat(state(database)).isEqualTo(expected);
            assertThat(state(database).get(3)).isEqualTo(ARTIFACTS + " events, at most 1 per artifact");
            assertThat(database.count("SELECT count(*) FROM artifact_assessments")).isEqualTo(ARTIFACTS);
            assertThat(tickets(workDir.resolve("review-queue"))).hasSize(ARTIFACTS / 10)
                    .isEqualTo(tickets(workDir.resolve("reference-queue")));
        }
    }

    private static final int FILES = 1500;

    private static List<String> inboxState(TestDatabase database) {
        return List.of(
                database.single("SELECT md5(string_agg(artifact_id || promotion_state || coalesce(promotion_notes, '')"
                        + " || content_hash, ',' ORDER BY artifact_id)) FROM model_versions"),
                eventsPerArtifact(database));
    }

    private String[] once(Path root, TestDatabase database) {
        return new String[] {"run", "--once", "--inbox", root.resolve("inbox").toString(), "--review-queue",
                root.resolve("review-queue").toString(), "--db-url", database.jdbcUrl(), "--db-user", database.user()};
    }

    @Test
    void theInboxKilledAtRandomMomentsConvergesWithEveryFileInOnePlace() throws Exception {
        List<String> expected;
        Path referenceRoot = workDir.resolve("reference-inbox");
        try (TestDatabase reference = SERVER.freshDatabase()) {
            new Migrations(reference.dataSource()).migrate();
            dropFiles(referenceRoot.resolve("inbox"), FILES);
            JarRunner.Result run = JarRunner.run(workDir, once(referenceRoot, reference));
            assertThat(run.exitCode()).as(run.all()).isZero();
            expected = inboxState(reference);
        }
        Path root = workDir.resolve("killed-inbox");
        dropFiles(root.resolve("inbox"), FILES);
        try (TestDatabase database = SERVER.freshDatabase()) {
            new Migrations(database.dataSource()).migrate();
            int interrupted = 0;
            for (int kill = 1; kill <= 3; kill++) {
                Path folder = Files.createDirectories(workDir.resolve("inbox-kill-" + kill));
                Process run = new ProcessBuilder(Stream.concat(Stream.of(Path.of(System.getProperty("java.home"), "bin",
                        "java").toString(), "-jar", JarRunner.JAR.toString()), Stream.of(once(root, database))).toList())
                        .directory(folder.toFile()).redirectOutput(folder.resolve("out.txt").toFile())
                        .redirectError(folder.resolve("err.txt").toFile()).start();
                waitForWrites(database, run);
                run.destroyForcibly();
                assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
                if (!names(root.resolve("inbox")).isEmpty()) {
                    interrupted++;
                }
            }
            assertThat(interrupted).isPositive();
            // right away: a killed run's claims are known to be dead (its session is gone) and taken over
            JarRunner.Result rerun = JarRunner.run(workDir, once(root, database));

            assertThat(rerun.exitCode()).as(rerun.all()).isZero();
            assertThat(names(root.resolve("inbox"))).isEmpty();
            assertThat(names(root.resolve("inbox/.done"))).hasSize(FILES)
                    .isEqualTo(names(referenceRoot.resolve("inbox/.done")));
            assertThat(inboxState(database)).isEqualTo(expected);
            assertThat(inboxState(database).get(1)).isEqualTo(FILES * 9 / 10 + " events, at most 1 per artifact");
            // no claim of the killed runs is left behind (the rerun's own go a moment after their moves)
            assertThat(database.count("SELECT count(*) FROM camel_messageprocessed")).isZero();
        }
    }
}
