package io.modelgate.model;

/**
 * The folders inside the review queue, as the contract lays them out: reviewers drop decision
 * files in {@value #DECISIONS}, and resolved tickets move to {@value #RESOLVED}.
 */
public final class ReviewQueueLayout {
    public static final String DECISIONS = "decisions";
    public static final String RESOLVED = ".resolved";

    private ReviewQueueLayout() {
    }
}
