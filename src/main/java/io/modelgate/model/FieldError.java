package io.modelgate.model;

/** One problem in a document: a JSON pointer to the field and one plain sentence. */
public record FieldError(String path, String message) {
    /** The pointer as people read it: the whole document ("") is shown as "/". */
    public String shownPath() {
        return path.isEmpty() ? "/" : path;
    }

    @Override
    public String toString() {
        return shownPath() + ": " + message;
    }
}
