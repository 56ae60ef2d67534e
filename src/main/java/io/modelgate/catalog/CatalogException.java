package io.modelgate.catalog;

import io.modelgate.db.DatabaseException;

/** A database operation of the catalog failed; the transaction was rolled back. */
public class CatalogException extends DatabaseException {
    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
