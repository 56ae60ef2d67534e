package io.modelgate.review;

import io.modelgate.model.PromotionState;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What a reviewer decides about a model version, and the promotion state its row takes. */
public enum Verdict {
    PROMOTE("promote", PromotionState.PROMOTED),
    CANDIDATE("candidate", PromotionState.CANDIDATE),
    REJECT("reject", PromotionState.REJECTED),
    SUPERSEDE("supersede", PromotionState.SUPERSEDED);

    private final String label;
    private final PromotionState state;

    Verdict(String label, PromotionState state) {
        this.label = label;
        this.state = state;
    }

    public String label() {
        return label;
    }

    public PromotionState state() {
        return state;
    }

    /** Whether the version stays in use: its metadata is what gets registered, so it must be valid. */
    public boolean keepsInUse() {
        return this == PROMOTE || this == CANDIDATE;
    }

    /** The verdict of a label, or null. */
    public static Verdict fromLabel(String label) {
        return Arrays.stream(values()).filter(v -> v.label.equals(label)).findFirst().orElse(null);
    }

    public static String labels() {
        return Arrays.stream(values()).map(Verdict::label).collect(Collectors.joining(", "));
    }
}
