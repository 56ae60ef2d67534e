package io.modelgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelgate.inbox.InboxTestFiles;
import io.modelgate.model.Json;
import io.modelgate.support.Eventually;
import io.modelgate.support.JarRunner;
import io.modelgate.support.TestDatabase;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's health and metrics over HTTP, from the jar; a busy port exits 2 before anything starts. */
class HealthIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path workDir;

    @Test
    void healthIsUpWithTheDatabaseAndDownWithoutItAndMetricsCountTheArtifacts() throws Exception {
        // DOWN is shown by stopping the embedded database: a server named by MODELGATE_TEST_DB_URL stays up
        Assumptions.assumeTrue(System.getenv(TestDatabase.EXTERNAL_URL_VARIABLE) == null);
        int port = freePort();
        Path inbox = Files.createDirectories(workDir.resolve("inbox"));
        Path config = Files.writeString(workDir.resolve("daemon.properties"), "modelgate.inbox.poll-delay=300\n"
                + "modelgate.inbox.settle-millis=100\nmodelgate.health.port=" + port + "\nmodelgate.db.retries=1\n");
        TestDatabase server = TestDatabase.start();
        Process daemon = null;
        Path log = workDir.resolve("daemon.log");
        try {
            daemon = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    JarRunner.JAR.toString(), "run", "--config", config.toString(), "--db-url", server.jdbcUrl(),
                    "--db-user", server.user()).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            Eventually.waitFor(() -> "UP".equals(status(port)), () -> Eventually.read(log));
            JsonNode health = Json.parse(get(port, "/observe/health"));
            assertThat(health.get("checks").toString()).contains("\"name\":\"database\"");

            Files.writeString(inbox.resolve("m.json"), InboxTestFiles.promotable("model-health"));
            Eventually.waitFor(() -> Files.exists(inbox.resolve(".done/m.json")), () -> Eventually.read(log));
            Eventually.waitFor(() -> get(port, "/observe/metrics").contains("modelgate_artifacts_total{change=\"inserted\",channel=\"promote\"} 1.0"), () -> Eventually.read(log));
            assertThat(get(port, "/observe/metrics")).contains("modelgate_inbox_waiting 0.0")
                    .contains("modelgate_run_duration_seconds_count{mode=\"inbox\",succeeded=\"true\"} 1");

            server.close();
            Eventually.waitFor(() -> "DOWN".equals(status(port)), () -> Eventually.read(log));
            // the pool would wait 30 s for a connection (the default connect timeout): the check does not
            for (int poll = 0; poll < 3; poll++) {
                long start = System.nanoTime();
                assertThat(status(port)).isEqualTo("DOWN");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            }
        } finally {
            if (daemon != null) {
                daemon.destroy();
                daemon.waitFor(60, TimeUnit.SECONDS);
            }
            server.close();
        }
    }

    @Test
    void aBusyPortExitsTwoBeforeAnythingStarts() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Path config = Files.writeString(workDir.resolve("busy.properties"), "modelgate.health.port=" + busy.getLocalPort() + "\n");
            JarRunner.Result result = JarRunner.run(workDir, "run", "--config", config.toString());
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.stderr()).contains("modelgate.health.port: port " + busy.getLocalPort())
                    .contains("cannot be used for health and metrics").doesNotContain("\tat ");
            assertThat(workDir.resolve(".modelgate/pgdata")).doesNotExist();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String status(int port) {
        try {
            return Json.parse(get(port, "/observe/health")).path("status").asText();
        } catch (RuntimeException e) {
            return "unreachable";
        }
    }

    private static String get(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
