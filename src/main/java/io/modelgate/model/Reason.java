package io.modelgate.model;

/** Why an artifact went where it went: a stable code (e.g. A-CONFLICT) and one plain sentence. */
public record Reason(String code, String message) {
    public boolean holds() {
        return code.startsWith("A-") || code.startsWith("V-") || code.startsWith("R-");
    }
}
