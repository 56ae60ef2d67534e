package io.modelgate.rules;

/** A file that cannot be read as JSON under the input limits: a reason code and one sentence. */
public final class UnreadableInputException extends RuntimeException {
    private final String code;

    public UnreadableInputException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** {@code E-LIMIT} or {@code E-PARSE}. */
    public String code() {
        return code;
    }
}
