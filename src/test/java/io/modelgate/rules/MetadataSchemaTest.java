package io.modelgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.modelgate.model.FieldError;
import io.modelgate.model.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetadataSchemaTest {
    private final MetadataValidator validator = new MetadataValidator();

    static ObjectNode internalModel() {
        return (ObjectNode) Json.parse("""
                {"model_family": "transformer", "framework": "pytorch", "parameter_count": 1200000,
                 "training_data": ["SEA-AD snRNA-seq"], "evaluation_dataset": "SEA-AD holdout",
                 "evaluation_metrics": {"accuracy": 0.91, "macro_f1": 0.87}, "lab_notes": "kept as is"}""");
    }

    static ObjectNode externalModel() {
        ObjectNode model = internalModel();
        model.put("is_external", true);
        model.put("external_source_url", "https://huggingface.co/org/model");
        model.put("external_source_version", "3f2a9c1");
        return model;
    }

    private List<FieldError> errorsOf(JsonNode metadata) {
        return validator.validate(metadata);
    }

    @Test
    void theSchemaIsAValidDraft07Schema() {
        JsonNode schema = MetadataValidator.readSchema();
        assertThat(schema.path("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
        var metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"));
        assertThat(metaSchema.validate(schema)).isEmpty();
    }

    @Test
    void eachVariantOfTheOneOfCarriesItsOwnRequiredArray() {
        JsonNode oneOf = MetadataValidator.readSchema().path("oneOf");
        assertThat(oneOf.size()).isEqualTo(2);
        assertThat(oneOf.get(0).path("required")).extracting(JsonNode::asText)
                .contains("model_family", "framework", "parameter_count", "training_data", "evaluation_dataset",
                        "evaluation_metrics");
        assertThat(oneOf.get(1).path("required")).extracting(JsonNode::asText)
                .contains("model_family", "evaluation_metrics", "is_external", "external_source_url",
                        "external_source_version");
    }

    @Test
    void goodDocumentsPassAndOtherKeysAreAllowed() {
        assertThat(errorsOf(internalModel())).isEmpty();
        assertThat(errorsOf(externalModel())).isEmpty();
        ObjectNode explicitInternal = internalModel().put("is_external", false);
        assertThat(errorsOf(explicitInternal)).isEmpty();
        ObjectNode emptyMetrics = internalModel();
        emptyMetrics.putObject("evaluation_metrics");
        assertThat(errorsOf(emptyMetrics)).isEmpty();
        ObjectNode singleTrainingSet = internalModel().put("training_data", "ADNI");
        assertThat(errorsOf(singleTrainingSet)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"model_family", "framework", "parameter_count", "training_data", "evaluation_dataset",
            "evaluation_metrics"})
    void eachRequiredFieldMissingIsNamedInASentence(String field) {
        ObjectNode model = internalModel();
        model.remove(field);
        assertThat(errorsOf(model)).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("/" + field);
            assertThat(error.message()).contains("missing").doesNotContain("one and only one");
        });
    }

    @Test
    void wrongTypesAreNamedByPointer() {
        ObjectNode model = internalModel();
        model.put("model_family", "");
        model.put("framework", 3);
        model.put("parameter_count", "many");
        model.putArray("training_data");
        model.put("evaluation_metrics", "good");
        assertThat(errorsOf(model)).extracting(FieldError::path).containsExactly(
                "/evaluation_metrics", "/framework", "/model_family", "/parameter_count", "/training_data");
    }

    @Test
    void aNegativeParameterCountIsRefused() {
        ObjectNode model = internalModel().put("parameter_count", -5);
        assertThat(errorsOf(model)).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("/parameter_count");
            assertThat(error.message()).contains("0 or more").contains("-5");
        });
    }

    @Test
    void nonNumericMetricsAreNamedOneByOne() {
        ObjectNode model = internalModel();
        ((ObjectNode) model.get("evaluation_metrics")).put("auc", "high");
        assertThat(errorsOf(model)).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("/evaluation_metrics/auc");
            assertThat(error.message()).isEqualTo("every evaluation metric must be a number, got \"high\"");
        });
    }

    @Test
    void anExternalModelWithoutItsVersionGetsTheSentenceAPersonNeeds() {
        ObjectNode model = externalModel();
        model.remove("external_source_version");
        assertThat(errorsOf(model)).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("/external_source_version");
            assertThat(error.message()).startsWith(
                    "an external model must name the exact upstream version (HF revision, git SHA, Zenodo version)");
        });
    }

    @Test
    void anExternalModelWithoutItsSourceUrlIsNamed() {
        ObjectNode model = externalModel();
        model.remove("external_source_url");
        assertThat(errorsOf(model)).extracting(FieldError::path).containsExactly("/external_source_url");
        ObjectNode notHttp = externalModel().put("external_source_url", "ftp://example.org/model");
        assertThat(errorsOf(notHttp)).extracting(FieldError::toString)
                .containsExactly("/external_source_url: an external model must name where it came from, as an http(s) URL,"
                        + " got \"ftp://example.org/model\"");
    }

    @Test
    void theRawOneOfMessageNeverReachesAUser() {
        ObjectNode model = externalModel();
        model.remove("external_source_url");
        model.remove("external_source_version");
        model.put("is_external", "yes");
        for (FieldError error : errorsOf(model)) {
            assertThat(error.message()).doesNotContain("one and only one").doesNotContain("oneOf");
        }
        assertThat(errorsOf(model)).extracting(FieldError::path).contains("/is_external");
    }
}
