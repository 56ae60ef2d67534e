package io.modelgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.inbox.InboxTestFiles;
import io.modelgate.support.Eventually;
import io.modelgate.support.JarRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon on the embedded default, and a reviewer at work beside it: the reviewer's commands
 * join the embedded server the daemon runs (found through its postmaster.pid) instead of
 * failing on the data directory's lock, and leave it running when they end.
 */
class EmbeddedSharedIT {
    @TempDir
    Path workDir;

    @Test
    void reviewersCommandsWorkWhileTheDaemonRunsTheEmbeddedServer() throws Exception {
        Path inbox = Files.createDirectories(workDir.resolve("inbox"));
        Files.writeString(workDir.resolve("daemon.properties"), "modelgate.inbox.poll-delay=300\n"
                + "modelgate.inbox.settle-millis=100\nmodelgate.health.port=0\nmodelgate.scan.cron=0 0 0 1 1 ? 2099\n");
        Path log = workDir.resolve("daemon.log");
        Process daemon = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JarRunner.JAR.toString(), "run", "--config", "daemon.properties").directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Files.writeString(inbox.resolve("m.json"), InboxTestFiles.promotable("model-shared"));
            Eventually.waitFor(() -> Files.exists(inbox.resolve(".done/m.json")), () -> Eventually.read(log));

            JarRunner.Result status = JarRunner.run(workDir, "status");
            assertThat(status.exitCode()).as(status.all()).isZero();
            assertThat(status.stdout()).containsPattern("promoted +1");
            assertThat(status.stderr()).contains("already running").doesNotContain("epg-lock");
            JarRunner.Result history = JarRunner.run(workDir, "history", "model-shared");
            assertThat(history.exitCode()).as(history.all()).isZero();
            JarRunner.Result list = JarRunner.run(workDir, "review", "list");
            assertThat(list.exitCode()).as(list.all()).isZero();

            // the reviewer's commands left the daemon's server running: it reads the next file
            Files.writeString(inbox.resolve("n.json"), InboxTestFiles.promotable("model-shared-2"));
            Eventually.waitFor(() -> Files.exists(inbox.resolve(".done/n.json")), () -> Eventually.read(log));
        } finally {
            daemon.destroy();
            assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(daemon.exitValue()).as(Eventually.read(log)).isZero();
    }
}
