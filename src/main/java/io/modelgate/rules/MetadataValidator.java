package io.modelgate.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.DisallowSchemaLoader;
import io.modelgate.model.FieldError;
import io.modelgate.model.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates model metadata against {@code schemas/model_artifact_metadata.json} (draft-07) and
 * turns the validator's messages into what a person needs: a JSON pointer and one plain sentence.
 * The schema's {@code oneOf} on {@code is_external} never surfaces as "must be valid to one and
 * only one schema": the variant the document claims to be is checked on its own instead.
 */
public final class MetadataValidator {
    public static final String SCHEMA_RESOURCE = "schemas/model_artifact_metadata.json";
    private static final String DRAFT_07 = "http://json-schema.org/draft-07/schema#";

    /** The sentence for each top-level field, used when it is missing or malformed. */
    private static final Map<String, String> FIELD_RULES = Map.ofEntries(
            Map.entry("model_family", "every model must say what kind of model it is, as a non-empty string (e.g. \"transformer\")"),
            Map.entry("framework", "every model must name the framework it was built with, as a non-empty string (e.g. \"pytorch\")"),
            Map.entry("parameter_count", "every model must give its number of parameters as a whole number of 0 or more"),
            Map.entry("training_data", "every model must name the data it was trained on, as a non-empty string or a non-empty list of strings"),
            Map.entry("evaluation_dataset", "every model must name the data set it was evaluated on, as a non-empty string"),
            Map.entry("evaluation_metrics", "every model must carry its evaluation metrics as an object of numbers (it may be empty: {})"),
            Map.entry("benchmark_id", "a benchmark id must be a string"),
            Map.entry("base_model_id", "a base model must be named by its artifact id, as a string"),
            Map.entry("training_config", "the training configuration must be an object of settings"),
            Map.entry("is_external", "is_external must be true or false"),
            Map.entry("external_source_url", "an external model must name where it came from, as an http(s) URL"),
            Map.entry("external_source_version", "an external model must name the exact upstream version (HF revision, git SHA, Zenodo version)"));

    /** The compiled schema and its two variants, compiled at the first validation. */
    private volatile Compiled compiled;

    private record Compiled(JsonSchema schema, JsonSchema internalVariant, JsonSchema externalVariant) {
    }

    /**
     * The schema is compiled when it is first needed, not here: a scan whose rows are all settled
     * validates nothing, and compiling takes a quarter of a second of its start.
     */
    public MetadataValidator() {
    }

    private Compiled compiled() {
        Compiled ready = compiled;
        if (ready == null) {
            synchronized (this) {
                ready = compiled;
                if (ready == null) {
                    ready = compile();
                    compiled = ready;
                }
            }
        }
        return ready;
    }

    private static Compiled compile() {
        JsonNode schemaNode = readSchema();
        // Schemas never load anything from outside: every remote or file $ref is refused.
        JsonSchemaFactory factory = JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7))
                .schemaLoaders(loaders -> loaders.values(list -> {
                    list.clear();
                    list.add(DisallowSchemaLoader.getInstance());
                }))
                .build();
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
        return new Compiled(factory.getSchema(schemaNode, config), factory.getSchema(variant(schemaNode, 0), config),
                factory.getSchema(variant(schemaNode, 1), config));
    }

    /** The schema document itself (for meta-schema checks and docs). */
    public static JsonNode readSchema() {
        try (InputStream in = MetadataValidator.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Errors of {@code metadata}, sorted by path; empty when it is valid. */
    public List<FieldError> validate(JsonNode metadata) {
        if (metadata == null || !metadata.isObject()) {
            return List.of(new FieldError("", "metadata must be a JSON object"));
        }
        Map<String, FieldError> byPath = new LinkedHashMap<>();
        boolean oneOfFailed = false;
        Compiled schemas = compiled();
        for (ValidationMessage message : schemas.schema().validate(metadata)) {
            if ("oneOf".equals(message.getType()) && pointer(message).isEmpty()) {
                oneOfFailed = true;
            } else if (!message.getEvaluationPath().toString().contains("oneOf")) {
                // errors inside the oneOf variants are reported through the claimed variant below
                add(byPath, message, metadata);
            }
        }
        if (oneOfFailed) {
            // Check the variant the document claims to be, so the person learns what it lacks.
            boolean claimsExternal = metadata.path("is_external").isBoolean() && metadata.get("is_external").asBoolean();
            JsonSchema variant = claimsExternal ? schemas.externalVariant() : schemas.internalVariant();
            Set<ValidationMessage> variantErrors = variant.validate(metadata);
            variantErrors.forEach(message -> add(byPath, message, metadata));
            if (byPath.isEmpty()) {
                byPath.put("/is_external", new FieldError("/is_external", FIELD_RULES.get("is_external")));
            }
        }
        List<FieldError> errors = new ArrayList<>(byPath.values());
        errors.sort(Comparator.comparing(FieldError::path));
        return errors;
    }

    private void add(Map<String, FieldError> byPath, ValidationMessage message, JsonNode metadata) {
        String path = pointer(message);
        if ("required".equals(message.getType()) && message.getProperty() != null) {
            path = path + "/" + escape(message.getProperty());
        }
        if (byPath.containsKey(path)) {
            return;
        }
        byPath.put(path, new FieldError(path, sentence(path, message, metadata)));
    }

    private String sentence(String path, ValidationMessage message, JsonNode metadata) {
        String[] steps = path.split("/");
        String field = steps.length > 1 ? steps[1] : "";
        JsonNode value = metadata.at(path);
        String got = value.isMissingNode() ? "" : ", got " + Text.shortened(value.toString());
        if ("required".equals(message.getType())) {
            return FIELD_RULES.getOrDefault(field, field + " is required") + ", and it is missing";
        }
        if (steps.length > 2 && "evaluation_metrics".equals(field)) {
            return "every evaluation metric must be a number" + got;
        }
        if (steps.length > 2 && "training_data".equals(field)) {
            return "every training data entry must be a non-empty string" + got;
        }
        if (FIELD_RULES.containsKey(field)) {
            return FIELD_RULES.get(field) + got;
        }
        return message.getMessage().replaceFirst("^\\S*: ", "");
    }

    private static String pointer(ValidationMessage message) {
        String location = message.getInstanceLocation() == null ? "" : message.getInstanceLocation().toString();
        return "/".equals(location) ? "" : location;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static JsonNode variant(JsonNode schemaNode, int index) {
        ObjectNode variant = ((ObjectNode) schemaNode.get("oneOf").get(index)).deepCopy();
        variant.put("$schema", DRAFT_07);
        variant.put("$id", schemaNode.path("$id").asText() + ":variant:" + index);
        return variant;
    }
}
