package io.modelgate.db;

import io.modelgate.catalog.CatalogException;
import java.sql.SQLException;

/** Tells a database failure apart from other errors, wherever in a chain of causes it sits. */
public final class DatabaseErrors {
    private DatabaseErrors() {
    }

    /** The database error at the root of {@code exception}, or null when it is something else. */
    public static Throwable cause(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException || cause instanceof CatalogException
                    || cause instanceof DatabaseUnavailableException) {
                return cause;
            }
        }
        return null;
    }
}
