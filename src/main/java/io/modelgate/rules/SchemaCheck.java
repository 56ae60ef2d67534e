package io.modelgate.rules;

import io.modelgate.model.Assessment;
import io.modelgate.model.FieldError;
import java.util.List;

/** Step 3: the normalized metadata must satisfy the schema; if not, the artifact is held (V-SCHEMA). */
public final class SchemaCheck {
    private final MetadataValidator validator;

    public SchemaCheck(MetadataValidator validator) {
        this.validator = validator;
    }

    public void check(Assessment assessment) {
        List<FieldError> errors = validator.validate(assessment.metadata());
        for (FieldError error : errors) {
            boolean alreadyReported = assessment.errors().stream().anyMatch(e -> e.path().equals(error.path()));
            if (!alreadyReported) {
                assessment.errors().add(error);
            }
        }
        if (errors.isEmpty()) {
            assessment.metadataSchemaValid();
        } else {
            assessment.reason("V-SCHEMA", errors.size() == 1
                    ? "the metadata does not satisfy the schema: " + errors.get(0)
                    : "the metadata does not satisfy the schema in " + errors.size() + " places: "
                            + String.join("; ", errors.stream().map(FieldError::toString).toList()));
        }
    }

    /** Step 3 for each artifact of a batch, in order. */
    public void checkAll(List<Assessment> batch) {
        batch.forEach(this::check);
    }
}
