package io.modelgate.model;

import java.util.Locale;

/** model_versions.promotion_state. The pipeline itself only ever writes CANDIDATE and PROMOTED. */
public enum PromotionState {
    CANDIDATE, PROMOTED, REJECTED, SUPERSEDED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PromotionState fromDb(String value) {
        return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
    }
}
