package io.modelgate.model;

/** One problem in a document: a JSON pointer to the field and one plain sentence. */
public record FieldError(String path, String message) {
    /**
     * The pointer as people read it: the whole document ("") is shown as "/", and control
     * characters or line breaks in a key are shown as escapes (a NUL as backslash-u0000, a line
     * feed as backslash-n), so that the pointer stays on one line and shows what the key holds.
     */
    public String shownPath() {
        return path.isEmpty() ? "/" : Text.visible(path);
    }

    @Override
    public String toString() {
        return shownPath() + ": " + message;
    }
}
