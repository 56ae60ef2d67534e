package io.modelgate.catalog;

import io.modelgate.model.Channel;
import io.modelgate.model.PromotionState;
import io.modelgate.model.Reason;

/**
 * The channel of an artifact whose input is as before while someone has set its row's state
 * since: the report shows the row as it is. A rejected or superseded row is reported in review
 * with the reason the pipeline leaves it alone.
 *
 * <p>Not a stored row ({@link StoredRow}, {@link DecisionRecords.Stored}): the state stored is
 * its input, a channel of the report its result, and the writer and the scan's settled rows
 * both report through it.
 */
public record StoredState(Channel channel, Reason reason) {
    /**
     * How an artifact whose input is as before is reported: in the channel its assessment came to,
     * or, when the row's state is not the one that channel writes, as the row stands.
     */
    public static StoredState reported(Channel channel, PromotionState stored) {
        return differs(channel, stored) ? of(stored) : new StoredState(channel, null);
    }

    /** Whether the row's state is not the one the channel writes, so the stored one is to be followed. */
    public static boolean differs(Channel channel, PromotionState stored) {
        PromotionState written = channel == Channel.PROMOTE ? PromotionState.PROMOTED
                : channel == Channel.CANDIDATE ? PromotionState.CANDIDATE : null;
        return written != null && stored != null && stored != written;
    }

    private static StoredState of(PromotionState stored) {
        return switch (stored) {
            case PROMOTED -> new StoredState(Channel.PROMOTE, null);
            case CANDIDATE -> new StoredState(Channel.CANDIDATE, null);
            default -> new StoredState(Channel.REVIEW, WriteDecision.finalState(stored));
        };
    }
}
