package io.modelgate.catalog;

import io.modelgate.db.DatabaseException;

/** A database operation of the catalog failed; a write's transaction was rolled back, nothing of it written. */
public class CatalogException extends DatabaseException {
    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
