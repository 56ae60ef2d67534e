package io.modelgate.catalog;

import io.modelgate.model.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/** Metadata that does not satisfy the schema was offered for registration; nothing was written. */
public class InvalidMetadataException extends RuntimeException {
    private final transient List<FieldError> errors;

    public InvalidMetadataException(String artifactId, List<FieldError> errors) {
        super("model " + artifactId + " was not registered: " + errors.stream().map(FieldError::toString)
                .collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
