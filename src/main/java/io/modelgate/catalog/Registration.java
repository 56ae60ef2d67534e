package io.modelgate.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.model.ModelVersion;
import io.modelgate.model.PromotionState;
import io.modelgate.model.Reason;
import java.util.List;

/**
 * What the pipeline asks the catalog to write for one artifact.
 *
 * @param document     the whole input document (lineage columns for a new artifacts row)
 * @param metadata     the normalized metadata
 * @param held         true for an artifact held for review: its model_versions row is written as
 *                     candidate with notes starting "held for review:" and artifacts.metadata is
 *                     left as it is
 * @param schemaChecked true when the metadata has just passed the schema check of the same
 *                     validator the catalog uses, so the catalog does not validate it again
 */
public record Registration(
        String artifactId,
        String title,
        ObjectNode document,
        ObjectNode metadata,
        ModelVersion version,
        PromotionState state,
        List<Reason> reasons,
        boolean held,
        String runId,
        boolean schemaChecked) {

    /** A registration whose metadata the catalog validates itself. */
    public Registration(String artifactId, String title, ObjectNode document, ObjectNode metadata, ModelVersion version,
                        PromotionState state, List<Reason> reasons, boolean held, String runId) {
        this(artifactId, title, document, metadata, version, state, reasons, held, runId, false);
    }
}
