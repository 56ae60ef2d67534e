package io.modelgate.db;

/** The database could not be reached (exit code 3). The message never contains the password. */
public class DatabaseUnavailableException extends DatabaseException {
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
