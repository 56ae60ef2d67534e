package io.modelgate.catalog;

/** A database operation of the catalog failed; the transaction was rolled back. */
public class CatalogException extends RuntimeException {
    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
