package io.modelgate.catalog;

/** The artifact changed between reading it and writing a decision on it; the decision is checked again. */
public final class ChangedMeanwhileException extends RuntimeException {
    public ChangedMeanwhileException(String message) {
        super(message);
    }
}
