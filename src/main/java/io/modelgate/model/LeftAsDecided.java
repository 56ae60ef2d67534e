package io.modelgate.model;

/**
 * An artifact whose input is as before and whose row is final: rejected or superseded, by a
 * reviewer or by a newer version of its lineage. The run writes nothing and holds nothing for a
 * person, so it gets no ticket and is counted as {@code decided}, with its promotion_state, never
 * as review. Its channel comes as review from the catalog (review is the one channel that leaves a
 * row as it is); only an open ticket of the id says that something of it still waits for a person.
 */
public final class LeftAsDecided {
    /** The word reports and summaries use in place of a channel. */
    public static final String LABEL = "decided";

    private LeftAsDecided() {
    }

    /** Whether the artifact is left as decided, unless a ticket of its id is open. */
    public static boolean applies(Channel channel, Change change, PromotionState state) {
        return channel == Channel.REVIEW && change == Change.UNCHANGED
                && (state == PromotionState.REJECTED || state == PromotionState.SUPERSEDED);
    }
}
