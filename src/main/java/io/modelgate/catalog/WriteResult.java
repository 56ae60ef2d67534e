package io.modelgate.catalog;

import io.modelgate.model.Change;
import io.modelgate.model.Channel;
import io.modelgate.model.PromotionState;
import io.modelgate.model.Reason;

/**
 * What the catalog did: the change, the state before and after, and, when it refused to write,
 * the reason (R-PROTECTED, or A-CONFLICT when the id belongs to an artifact that is not a model).
 * When the catalog updated the artifacts row, {@code rowVersion} is the row's version as written
 * (its xmin, see {@link ScanQueries}); otherwise null.
 */
public record WriteResult(Change change, PromotionState oldState, PromotionState newState, Reason refusal,
                          String rowVersion) {
    public WriteResult(Change change, PromotionState oldState, PromotionState newState, Reason refusal) {
        this(change, oldState, newState, refusal, null);
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
