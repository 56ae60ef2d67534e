package io.modelgate.catalog;

import io.modelgate.model.Change;
import io.modelgate.model.PromotionState;
import io.modelgate.model.Reason;

/**
 * What the catalog did: the change, the state before and after, and, when it refused to write,
 * the reason (R-PROTECTED, or A-CONFLICT when the id belongs to an artifact that is not a model).
 */
public record WriteResult(Change change, PromotionState oldState, PromotionState newState, Reason refusal) {
    public boolean refused() {
        return refusal != null;
    }
}
