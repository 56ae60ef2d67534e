package io.modelgate.model;

import java.util.Locale;

/** Where one artifact ends: every artifact ends in exactly one channel. */
public enum Channel {
    PROMOTE, CANDIDATE, REVIEW, FAILED;

    /** The name used in reports, summaries and headers: "promote", "candidate", ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
