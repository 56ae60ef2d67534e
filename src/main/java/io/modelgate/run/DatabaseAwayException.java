package io.modelgate.run;

import io.modelgate.db.DatabaseException;

/**
 * Raised for an input that comes right after another one failed to reach the database even
 * after the retries: it is left where it is at once instead of waiting through the retries too.
 */
public class DatabaseAwayException extends DatabaseException {
    public DatabaseAwayException(String message) {
        super(message);
    }
}
