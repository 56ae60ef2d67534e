package io.modelgate.catalog;

import io.modelgate.model.Change;
import io.modelgate.model.Channel;
import io.modelgate.model.PromotionState;
import io.modelgate.model.Reason;

/**
 * What the catalog did: the change, the state before and after, and, when it refused to write,
 * the reason (R-PROTECTED, or A-CONFLICT when the id belongs to an artifact that is not a model);
 * when it held a promotion that would leave two promoted versions of a lineage, R-LINEAGE (with the
 * held candidate row it wrote, if the artifact is registered).
 * When the catalog updated the artifacts row, {@code rowVersion} is the row's version as written
 * (its xmin, see {@code scan.ScanQueries}); otherwise null.
 */
public record WriteResult(Change change, PromotionState oldState, PromotionState newState, Reason refusal,
                          String rowVersion) {
    public WriteResult(Change change, PromotionState oldState, PromotionState newState, Reason refusal) {
        this(change, oldState, newState, refusal, null);
    }

    /**
     * A promotion held for its lineage: what the catalog wrote instead (a held candidate row), or,
     * when {@code written} is null, nothing, the row (if any) staying in {@code state}.
     */
    static WriteResult heldForLineage(WriteResult written, PromotionState state, Reason reason) {
        if (written == null) {
            return new WriteResult(Change.NONE, state, state, reason);
        }
        return new WriteResult(written.change(), written.oldState(), written.newState(), reason);
    }

    /** The result of a version registered promoted that a newer one of the same batch then superseded. */
    WriteResult superseded() {
        return new WriteResult(change, oldState, PromotionState.SUPERSEDED, refusal, rowVersion);
    }

    public boolean refused() {
        return refusal != null;
    }

    /**
     * How an artifact the gate sent to {@code gate} is reported after this write: in review with
     * the refusal when the catalog refused; as its row now stands when the input was unchanged
     * (someone may have set the row's state since); else as the gate said.
     */
    public StoredState reported(Channel gate) {
        if (refused()) {
            return new StoredState(Channel.REVIEW, refusal);
        }
        if (change == Change.UNCHANGED) {
            return StoredState.reported(gate, oldState);
        }
        return new StoredState(gate, null);
    }

    WriteResult withRowVersion(String version) {
        return new WriteResult(change, oldState, newState, refusal, version);
    }
}
