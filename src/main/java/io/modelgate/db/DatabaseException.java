package io.modelgate.db;

/**
 * A failure of the database, as opposed to one of the input: the database could not be reached,
 * or an operation on it failed. Whoever catches one knows that a rerun may succeed.
 */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    /** For a failure told without a trace: nothing was tried, the database is known to be away. */
    protected DatabaseException(String message) {
        super(message, null, false, false);
    }
}
