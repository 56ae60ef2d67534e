package io.modelgate.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The catalog's transactions, each on a connection of its own: committed when the work returns,
 * rolled back when it throws. A rollback that fails too (a connection that died fails its
 * rollback as well) never hides why the work failed: the work's error is thrown, with the
 * rollback's added to it as suppressed. The connection goes back to its pool as it came, its
 * auto-commit and read-only flags reset by the pool.
 */
public final class Transactions {
    private Transactions() {
    }

    /** Work done inside a transaction, on its connection. */
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction: all it wrote is committed, or nothing when it throws. */
    public static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            return runOrRollBack(connection, transaction -> {
                T result = work.run(transaction);
                transaction.commit();
                return result;
            });
        }
    }

    /**
     * Runs {@code work} in a read-only transaction, then ends it. A failure to end it after the
     * work succeeded is not the read's: the pool finds the broken connection when it gets it back.
     */
    public static <T> T readOnly(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            T result = runOrRollBack(connection, work);
            try {
                connection.rollback();
            } catch (SQLException brokenConnection) {
                // the rows are read; the pool drops the connection when it is closed
            }
            return result;
        }
    }

    private static <T> T runOrRollBack(Connection connection, Work<T> work) throws SQLException {
        try {
            return work.run(connection);
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        }
    }
}
