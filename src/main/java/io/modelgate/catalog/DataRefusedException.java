package io.modelgate.catalog;

/**
 * PostgreSQL refused the data of an artifact (a value it cannot store, an index entry over its
 * size limit): bad input, not a database that is away, so it is not retried. The transaction
 * was rolled back.
 */
public class DataRefusedException extends RuntimeException {
    public DataRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
