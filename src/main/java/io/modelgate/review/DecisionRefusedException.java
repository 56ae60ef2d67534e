package io.modelgate.review;

/**
 * A decision that cannot be applied, and why, in one sentence naming the field at fault (a JSON
 * pointer into the decision). Nothing was written.
 */
public final class DecisionRefusedException extends RuntimeException {
    private final String pointer;

    public DecisionRefusedException(String pointer, String reason) {
        super(pointer.isEmpty() ? reason : pointer + ": " + reason);
        this.pointer = pointer;
    }

    /** The field at fault, as a JSON pointer into the decision ("" for the whole of it). */
    public String pointer() {
        return pointer;
    }
}
