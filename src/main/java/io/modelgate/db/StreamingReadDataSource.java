package io.modelgate.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Connections for streamed reads. PostgreSQL hands a result over in chunks of the fetch size only
 * inside a transaction; with auto-commit on it sends every row at once. Connections from here
 * come from the same pool, read-only and inside a transaction that is rolled back when they
 * return to it.
 */
public final class StreamingReadDataSource extends DelegatingDataSource {
    public StreamingReadDataSource(DataSource pool) {
        super(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        // a scan is one long stream of simple row work: compiling it (JIT) costs more than it
        // saves, and PostgreSQL's estimate would turn JIT on for large tables. For this
        // transaction only.
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL jit = off");
        }
        return connection;
    }
}
