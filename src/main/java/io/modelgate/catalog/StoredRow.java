package io.modelgate.catalog;

import io.modelgate.model.PromotionState;

/**
 * An artifact's rows as the pipeline's writer finds them before a write: the artifacts row's type
 * and metadata, and the model_versions row's state, who decided it, and the hash of what was last
 * written. All null for an artifact not in the database. The metadata stays JSON text: it is only
 * ever copied into an event.
 *
 * <p>Not {@link DecisionRecords.Stored}, though both are an artifact as stored: this one is read
 * for every artifact of a batch and holds only what {@link WriteDecision} compares (the hash
 * above all), where a reviewer's decision reads one artifact's whole document, to assess it again.
 * Nor {@link StoredState}, which is not a row but how a report shows an input whose row was
 * changed by someone else.
 */
public record StoredRow(String artifactType, String metadata, PromotionState state, String decidedBy,
                        String contentHash) {
    public static final StoredRow NONE = new StoredRow(null, null, null, null, null);
}
