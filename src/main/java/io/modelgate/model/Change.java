package io.modelgate.model;

import java.util.Locale;

/** What a run did to an artifact's model_versions row. */
public enum Change {
    /** a new row was written */
    INSERTED,
    /** an existing row was rewritten */
    UPDATED,
    /** the input was the same as last time: nothing written */
    UNCHANGED,
    /** nothing was to be written (failed input, held inbox file, protected row) */
    NONE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
