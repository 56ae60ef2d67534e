package io.modelgate.catalog;

import io.modelgate.model.PromotionState;

/**
 * An artifact's rows as the catalog finds them before a write: the artifacts row's type and
 * metadata, and the model_versions row's state, who decided it, and the hash of what was last
 * written. All null for an artifact not in the database.
 */
public record StoredRow(String artifactType, String metadata, PromotionState state, String decidedBy,
                        String contentHash) {
    public static final StoredRow NONE = new StoredRow(null, null, null, null, null);
}
