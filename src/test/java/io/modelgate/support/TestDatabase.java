package io.modelgate.support;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A real PostgreSQL for one test class: the server named by {@code MODELGATE_TEST_DB_URL}
 * (each instance in a schema of its own), or else a fresh embedded one. Tests that each need
 * an empty database take one of their own on their class's server ({@link #freshDatabase},
 * {@link DatabaseServer}).
 */
public final class TestDatabase implements AutoCloseable {
    public static final String EXTERNAL_URL_VARIABLE = "MODELGATE_TEST_DB_URL";

    private final EmbeddedPostgres embedded;
    private final HikariDataSource dataSource;
    private final String jdbcUrl;
    private final String user;
    private final String password;

    private TestDatabase(EmbeddedPostgres embedded, String jdbcUrl, String user, String password) {
        this.embedded = embedded;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(jdbcUrl);
        dataSource.setUsername(user);
        if (password != null) {
            dataSource.setPassword(password);
        }
        dataSource.setMaximumPoolSize(4);
    }

    public static TestDatabase start() {
        String external = System.getenv(EXTERNAL_URL_VARIABLE);
        if (external != null && !external.isBlank()) {
            String schema = uniqueName();
            String url = external + (external.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            String user = System.getenv().getOrDefault("MODELGATE_TEST_DB_USER", "postgres");
            String password = System.getenv("MODELGATE_TEST_DB_PASSWORD");
            TestDatabase database = new TestDatabase(null, url, user, password);
            database.execute("CREATE SCHEMA " + schema);
            return database;
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            return new TestDatabase(postgres, postgres.getJdbcUrl("postgres", "postgres"), "postgres", null);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /**
     * An empty database of its own on the server this one started: another database on the
     * embedded server, another schema on the external one. Closing it leaves the server alone.
     */
    public TestDatabase freshDatabase() {
        if (embedded == null) {
            if (System.getenv(EXTERNAL_URL_VARIABLE) == null) {
                throw new IllegalStateException("only a server this test started makes fresh databases");
            }
            return start();
        }
        String name = uniqueName();
        execute("CREATE DATABASE " + name);
        return new TestDatabase(null, embedded.getJdbcUrl("postgres", name), "postgres", null);
    }

    private static String uniqueName() {
        return "mg_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A server the test runs itself (to stop and start it again); closing this leaves the server alone. */
    public static TestDatabase connect(String jdbcUrl, String user) {
        return new TestDatabase(null, jdbcUrl, user, null);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public void execute(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    /** Rows of a query, each as a list of its column values rendered as strings. */
    public List<List<String>> rows(String sql) {
        List<List<String>> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
        return rows;
    }

    public String single(String sql) {
        List<List<String>> rows = rows(sql);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    public int count(String sql) {
        return Integer.parseInt(single(sql));
    }

    /** Empties every modelgate table (between tests of one class). */
    public void truncateAll() {
        execute("TRUNCATE artifact_assessments, model_version_events, model_versions, etl_runs, artifacts,"
                + " camel_messageprocessed, held_inbox_documents, review_holds CASCADE");
    }

    @Override
    public void close() {
        dataSource.close();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
