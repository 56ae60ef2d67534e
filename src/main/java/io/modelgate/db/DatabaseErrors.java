package io.modelgate.db;

import io.modelgate.model.Text;
import java.sql.SQLException;

/** Tells a database failure apart from other errors, wherever in a chain of causes it sits. */
public final class DatabaseErrors {
    private DatabaseErrors() {
    }

    /**
     * Why PostgreSQL refused the data of a statement, or null when the error is not about the
     * data. SQLSTATE class 22 (data exception: a value it cannot store or convert) and 54
     * (program limit exceeded: an index entry over its size limit) come from the input and
     * come again on every try; anything else (a lost connection, a missing table) may pass.
     * A failed JDBC batch carries the statement's own error as its next exception.
     */
    public static String refusedData(SQLException exception) {
        for (SQLException e = exception; e != null; e = e.getNextException()) {
            String state = e.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("54"))) {
                String message = e.getNextException() != null ? e.getNextException().getMessage() : e.getMessage();
                return Text.firstLine(message, "no reason given").replaceFirst("^ERROR: ", "");
            }
        }
        return null;
    }

    /** The database error at the root of {@code exception}, or null when it is something else. */
    public static Throwable cause(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException || cause instanceof DatabaseException) {
                return cause;
            }
        }
        return null;
    }
}
