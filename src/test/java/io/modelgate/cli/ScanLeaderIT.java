package io.modelgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.inbox.InboxTestFiles;
import io.modelgate.support.Eventually;
import io.modelgate.support.JarRunner;
import io.modelgate.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three daemons of the jar on one database, one inbox and one lock directory: one of them at a
 * time runs the scheduled scan, each inbox file is read once, and when the scan's leader is
 * killed another daemon takes the scan over.
 */
class ScanLeaderIT {
    private static final String SCAN_STARTED = "scan run started";

    @TempDir
    Path workDir;

    @Test
    void oneDaemonScansAtATimeEachFileIsReadOnceAndTheScanMovesOnWhenItsLeaderDies() throws Exception {
        Path inbox = Files.createDirectories(workDir.resolve("inbox"));
        Path config = Files.writeString(workDir.resolve("daemon.properties"), "modelgate.scan.cron=0/2 * * * * ?\n"
                + "modelgate.inbox.poll-delay=300\nmodelgate.inbox.settle-millis=100\nmodelgate.cluster.lease-millis=1000\n"
                + "modelgate.health.port=0\n");
        try (TestDatabase server = TestDatabase.start()) {
            List<Process> daemons = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Path log = workDir.resolve("daemon-" + i + ".log");
                    logs.add(log);
                    daemons.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                            "-jar", JarRunner.JAR.toString(), "run", "--config", config.toString(),
                            "--db-url", server.jdbcUrl(), "--db-user", server.user())
                            .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start());
                }
                for (int i = 0; i < 30; i++) {
                    String id = String.format("model-shared-%02d", i);
                    Files.writeString(inbox.resolve(id + ".json"), InboxTestFiles.promotable(id));
                }
                Eventually.waitFor(() -> doneFiles(inbox) == 30, () -> allLogs(logs));
                Eventually.waitFor(() -> server.count("SELECT count(*) FROM etl_runs WHERE mode = 'scan'") >= 4, () -> allLogs(logs));

                // one daemon scans: the scheduled scans are those of one process, one per tick
                List<Integer> scanning = scanningDaemons(logs);
                assertThat(scanning).as(allLogs(logs)).hasSize(1);
                int leader = scanning.get(0);
                assertThat(server.count("SELECT count(*) FROM (SELECT date_trunc('second', started_at) FROM etl_runs"
                        + " WHERE mode = 'scan' GROUP BY 1 HAVING count(*) > 1) AS twice")).isZero();

                // the leader dies: another daemon takes the scan over
                daemons.get(leader).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                Instant killed = Instant.now();
                Eventually.waitFor(() -> scanningDaemons(logs).stream().anyMatch(d -> d != leader), () -> allLogs(logs));
                assertThat(Duration.between(killed, Instant.now())).isLessThan(Duration.ofSeconds(30));
            } finally {
                daemons.forEach(Process::destroy);
                for (Process daemon : daemons) {
                    daemon.waitFor(60, TimeUnit.SECONDS);
                }
            }
            assertThat(server.count("SELECT count(*) FROM model_versions")).isEqualTo(30);
            assertThat(server.count("SELECT count(*) FROM model_version_events")).isEqualTo(30);
            try (Stream<Path> left = Files.list(inbox)) {
                assertThat(left.filter(Files::isRegularFile).toList()).isEmpty();
            }
        }
    }

    private static long doneFiles(Path inbox) {
        try (Stream<Path> done = Files.list(inbox.resolve(".done"))) {
            return done.count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** The daemons whose log shows a scheduled scan. */
    private static List<Integer> scanningDaemons(List<Path> logs) {
        List<Integer> scanning = new ArrayList<>();
        for (int i = 0; i < logs.size(); i++) {
            try {
                if (Files.readString(logs.get(i)).contains(SCAN_STARTED)) {
                    scanning.add(i);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return scanning;
    }

    private static String allLogs(List<Path> logs) {
        StringBuilder all = new StringBuilder();
        for (Path log : logs) {
            try {
                all.append("--- ").append(log.getFileName()).append('\n').append(Files.readString(log));
            } catch (java.io.IOException e) {
                all.append(e.getMessage());
            }
        }
        return all.toString();
    }
}
