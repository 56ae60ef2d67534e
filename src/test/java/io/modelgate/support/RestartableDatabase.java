package io.modelgate.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An embedded PostgreSQL the test can stop and start again on the same data directory and port,
 * as an operator restarts a server: the jar under test keeps its URL and finds the server gone,
 * then back with its data.
 */
public final class RestartableDatabase implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres server;

    public RestartableDatabase(Path dataDir) {
        this.dataDir = dataDir;
        this.server = start(dataDir, 0);
        this.port = server.getPort();
    }

    private static EmbeddedPostgres start(Path dataDir, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false);
            if (port > 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start in " + dataDir, e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /** A connection pool of the test's own; it survives the restarts (its connections do not). */
    public TestDatabase connect() {
        return TestDatabase.connect(jdbcUrl(), "postgres");
    }

    /** Stops the server (pg_ctl stop -m fast: every session ends). */
    public synchronized void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = null;
        }
    }

    /** Starts it again on the same data directory and port. */
    public synchronized void start() {
        if (server == null) {
            server = start(dataDir, port);
        }
    }

    /** Stops the server, waits {@code down}, starts it again. */
    public void restart(Duration down) throws InterruptedException {
        stop();
        Thread.sleep(down.toMillis());
        start();
    }

    @Override
    public void close() {
        stop();
    }
}
