package io.modelgate.catalog;

/**
 * A reviewer's promotion that would leave two promoted versions of one lineage: refused, nothing
 * written. The message says which version is promoted and what to decide first.
 */
public final class LineageConflictException extends DataRefusedException {
    public LineageConflictException(String message) {
        super(message, null);
    }
}
