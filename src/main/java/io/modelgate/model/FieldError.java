package io.modelgate.model;

/** One problem in a document: a JSON pointer to the field and one plain sentence. */
public record FieldError(String path, String message) {
    @Override
    public String toString() {
        return (path.isEmpty() ? "/" : path) + ": " + message;
    }
}
