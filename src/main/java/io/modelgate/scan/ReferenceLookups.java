package io.modelgate.scan;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelgate.catalog.ModelCatalog;
import io.modelgate.model.Assessment;
import io.modelgate.model.Channel;
import io.modelgate.rules.MetadataNormalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Looks up, in one query for a whole scan batch, every artifact id its reference checks may ask
 * about (a base model, an evaluation data set), under any key the normalizer takes that field
 * from. The reference check then answers from these instead of asking the database once per
 * artifact; an id not looked up in advance is still asked about on its own.
 *
 * <p>A base model that is another artifact of the same batch counts as found: a base model dropped
 * with its fine-tune is registered in the same transaction, before it ({@link io.modelgate.catalog.CatalogWriter}),
 * which holds the fine-tune after all when the base model is held or fails instead.
 */
public final class ReferenceLookups {
    private static final List<String> REFERENCE_FIELDS = List.of("base_model_id", "evaluation_dataset");

    private final ModelCatalog catalog;

    public ReferenceLookups(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    public void prefetch(List<Assessment> batch) {
        Map<Assessment, Set<String>> asked = new HashMap<>();
        Set<String> all = new HashSet<>();
        Set<String> arriving = new HashSet<>();
        for (Assessment assessment : batch) {
            if (assessment.channel() != Channel.FAILED && assessment.id() != null) {
                arriving.add(assessment.id());
            }
        }
        for (Assessment assessment : batch) {
            if (assessment.channel() == Channel.FAILED || assessment.metadata() == null) {
                continue;
            }
            Set<String> ids = candidates(assessment);
            asked.put(assessment, ids);
            all.addAll(ids);
        }
        if (all.isEmpty()) {
            return;
        }
        Set<String> found = catalog.existing(all);
        asked.forEach((assessment, ids) -> {
            Map<String, Boolean> answers = new HashMap<>();
            Set<String> bases = named(assessment, "base_model_id");
            ids.forEach(id -> answers.put(id, found.contains(id)
                    || arriving.contains(id) && bases.contains(id) && !id.equals(assessment.id())));
            assessment.knownReferences(answers);
        });
    }

    private static Set<String> candidates(Assessment assessment) {
        Set<String> ids = new HashSet<>();
        REFERENCE_FIELDS.forEach(field -> ids.addAll(named(assessment, field)));
        return ids;
    }

    /** The ids the metadata names for one field, under any key the normalizer takes it from. */
    private static Set<String> named(Assessment assessment, String field) {
        Set<String> ids = new HashSet<>();
        for (String key : MetadataNormalizer.keysOf(field)) {
            JsonNode value = assessment.metadata().get(key);
            if (value != null && value.isTextual()) {
                ids.add(value.asText());
            }
        }
        return ids;
    }
}
