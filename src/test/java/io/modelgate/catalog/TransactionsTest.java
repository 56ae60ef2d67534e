package io.modelgate.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.support.TestDatabase;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The catalog's transactions: all or nothing, and a failure says why even when its rollback fails too. */
class TransactionsTest {
    private static TestDatabase database;

    @BeforeAll
    static void start() {
        database = TestDatabase.start();
        database.execute("CREATE TABLE IF NOT EXISTS notes (text text)");
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @BeforeEach
    void empty() {
        database.execute("TRUNCATE notes");
    }

    @Test
    void whatTheWorkWritesIsCommittedWhenItReturns() throws SQLException {
        String result = Transactions.inTransaction(database.dataSource(), connection -> {
            insert(connection.createStatement(), "one");
            insert(connection.createStatement(), "two");
            return "written";
        });

        assertThat(result).isEqualTo("written");
        assertThat(database.count("SELECT count(*) FROM notes")).isEqualTo(2);
    }

    @Test
    void nothingTheWorkWroteStaysWhenItThrows() {
        assertThatThrownBy(() -> Transactions.inTransaction(database.dataSource(), connection -> {
            insert(connection.createStatement(), "one");
            throw new IllegalStateException("the work failed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the work failed");

        assertThat(database.count("SELECT count(*) FROM notes")).isZero();
    }

    @Test
    void theWorksErrorIsThrownWithTheFailedRollbacksErrorBesideIt() {
        assertThatThrownBy(() -> Transactions.inTransaction(database.dataSource(), connection -> {
            insert(connection.createStatement(), "one");
            // the server ends the work's session: its rollback fails as well
            try (var rs = connection.createStatement().executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                database.execute("SELECT pg_terminate_backend(" + rs.getInt(1) + ")");
            }
            throw new SQLException("the work failed");
        })).isInstanceOf(SQLException.class).hasMessage("the work failed")
                .satisfies(e -> assertThat(e.getSuppressed()).isNotEmpty()
                        .hasAtLeastOneElementOfType(SQLException.class));

        assertThat(database.count("SELECT count(*) FROM notes")).isZero();
    }

    @Test
    void aReadOnlyTransactionReadsAndRefusesToWrite() throws SQLException {
        database.execute("INSERT INTO notes VALUES ('one')");

        Integer count = Transactions.readOnly(database.dataSource(), connection -> {
            try (var rs = connection.createStatement().executeQuery("SELECT count(*) FROM notes")) {
                rs.next();
                return rs.getInt(1);
            }
        });

        assertThat(count).isEqualTo(1);
        assertThatThrownBy(() -> Transactions.readOnly(database.dataSource(),
                connection -> insert(connection.createStatement(), "two")))
                .isInstanceOf(SQLException.class).hasMessageContaining("read-only");
        assertThat(database.count("SELECT count(*) FROM notes")).isEqualTo(1);
    }

    private static int insert(Statement statement, String text) throws SQLException {
        try (statement) {
            return statement.executeUpdate("INSERT INTO notes VALUES ('" + text + "')");
        }
    }
}
