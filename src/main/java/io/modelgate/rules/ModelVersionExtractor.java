package io.modelgate.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelgate.model.ModelVersion;
import java.time.OffsetDateTime;

/** Reads the model_versions column values out of normalized metadata. */
public final class ModelVersionExtractor {

    public ModelVersion extract(JsonNode metadata) {
        return new ModelVersion(
                metadata.path("is_external").asBoolean(false),
                text(metadata, "external_source_url"),
                text(metadata, "external_source_version"),
                text(metadata, "base_model_id"),
                text(metadata, "code_repo_url"),
                text(metadata, "code_commit_sha"),
                text(metadata, "code_entrypoint"),
                time(metadata, "training_started_at"),
                time(metadata, "training_completed_at"),
                text(metadata, "trained_by"),
                text(metadata, "gpu_allocation_id"),
                object(metadata, "training_config"),
                object(metadata, "evaluation_metrics"),
                null,
                text(metadata, "benchmark_id"));
    }

    private static String text(JsonNode metadata, String field) {
        JsonNode value = metadata.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static JsonNode object(JsonNode metadata, String field) {
        JsonNode value = metadata.get(field);
        return value != null && value.isObject() ? value : null;
    }

    private static OffsetDateTime time(JsonNode metadata, String field) {
        String value = text(metadata, field);
        return value == null ? null : Timestamps.parse(value).orElse(null);
    }
}
