package io.modelgate.rules;

import static io.modelgate.support.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.model.Assessment;
import io.modelgate.model.Json;
import io.modelgate.model.Reason;
import io.modelgate.support.TestJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetadataNormalizerTest {
    private final MetadataNormalizer normalizer = new MetadataNormalizer();
    private final EnvelopeReader reader = new EnvelopeReader(new InputLimits(1 << 20, 64, 65536));

    private Assessment normalize(String json) {
        Assessment assessment = reader.fromFile("t.json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        normalizer.normalize(assessment);
        return assessment;
    }

    private static String doc(TestJson metadata) {
        return doc(object(), metadata);
    }

    /** A model's document with these fields at its top level, before its metadata. */
    private static String doc(TestJson topLevel, TestJson metadata) {
        return object("id", "model-1", "artifact_type", "model", "title", "M").withAll(topLevel)
                .with("metadata", metadata).toString();
    }

    @Test
    void legacyKeysMoveToTheirCanonicalNamesAndEveryChangeIsRecorded() {
        Assessment a = normalize(doc(object("architecture", "transformer", "library", "torch", "n_params", "1,024",
                "dataset", "SEA-AD", "test_dataset", "holdout", "metrics", object("f1", "0.91"),
                "hyperparameters", object("lr", 0.001), "parent_model", "model-0",
                "git_url", "https://github.com/lab/repo", "commit", "abcdef1")));

        ObjectNode m = a.metadata();
        assertThat(m.get("model_family").asText()).isEqualTo("transformer");
        assertThat(m.get("framework").asText()).isEqualTo("pytorch");
        assertThat(m.get("parameter_count").asLong()).isEqualTo(1024);
        assertThat(m.get("training_data").asText()).isEqualTo("SEA-AD");
        assertThat(m.get("evaluation_dataset").asText()).isEqualTo("holdout");
        assertThat(m.get("evaluation_metrics").get("f1").isNumber()).isTrue();
        assertThat(m.get("evaluation_metrics").get("f1").decimalValue()).isEqualByComparingTo("0.91");
        assertThat(m.get("training_config").get("lr").asDouble()).isEqualTo(0.001);
        assertThat(m.get("base_model_id").asText()).isEqualTo("model-0");
        assertThat(m.get("code_repo_url").asText()).isEqualTo("https://github.com/lab/repo");
        assertThat(m.get("code_commit_sha").asText()).isEqualTo("abcdef1");
        assertThat(m.has("architecture") || m.has("n_params") || m.has("metrics")).isFalse();
        assertThat(a.reasons()).isEmpty();
        assertThat(a.normalizations()).extracting(Object::toString)
                .contains("architecture=\"transformer\" -> model_family=\"transformer\"",
                        "library=\"torch\" -> framework=\"pytorch\"",
                        "n_params=\"1,024\" -> parameter_count=1024",
                        "metrics={\"f1\":\"0.91\"} -> evaluation_metrics={\"f1\":0.91}");
    }

    @ParameterizedTest
    @CsvSource({"1024,1024", "'1,024',1024", "350k,350000", "1.2M,1200000", "7B,7000000000", "'12,500,000',12500000"})
    void parameterCountsConvertExactly(String given, long expected) {
        Assessment a = normalize(doc(object("parameter_count", given)));
        assertThat(a.metadata().get("parameter_count").asLong()).isEqualTo(expected);
        assertThat(a.reasons()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"~1M", "unknown", "1.2345678M", "about 5000", "1.5"})
    void inexactParameterCountsAreHeldNotGuessed(String given) {
        Assessment a = normalize(doc(object("parameter_count", given)));
        assertThat(a.reasons()).extracting(Reason::code).containsExactly("A-UNPARSEABLE");
        assertThat(a.errors()).extracting(e -> e.path()).containsExactly("/parameter_count");
    }

    @Test
    void twoKeysWithDifferentValuesForOneFieldConflict() {
        Assessment a = normalize(doc(object("model_family", "cnn", "architecture", "transformer")));
        assertThat(a.reasons()).extracting(Reason::code).containsExactly("A-CONFLICT");
        assertThat(a.reasons().get(0).message()).contains("model_family").contains("architecture");
    }

    @Test
    void aConflictBetweenTwoLegacyKeysNamesTheKeysAsGiven() {
        Assessment a = normalize(doc(object("n_params", "5", "params", "6")));
        assertThat(a.reasons()).extracting(Reason::message).containsExactly(
                "metadata has both n_params = \"5\" and params = \"6\" for parameter_count; keep the right one and remove the other");
    }

    @Test
    void twoKeysWithTheSameValueAfterConversionAgree() {
        Assessment a = normalize(doc(object("parameter_count", 1200000, "n_params", "1.2M", "framework", "sklearn",
                "library", "scikit-learn")));
        assertThat(a.reasons()).isEmpty();
    }

    @Test
    void originTypeExternalImpliesIsExternalAndItsUrlIsTheSource() {
        Assessment a = normalize(doc(object("origin_type", "external", "origin_url", "https://huggingface.co/x/y"),
                object("revision", "a1b2c3d")));
        assertThat(a.metadata().get("is_external").asBoolean()).isTrue();
        assertThat(a.metadata().get("external_source_url").asText()).isEqualTo("https://huggingface.co/x/y");
        assertThat(a.metadata().get("external_source_version").asText()).isEqualTo("a1b2c3d");
        assertThat(a.reasons()).isEmpty();
    }

    @Test
    void aLegacySourceUrlNamesTheExternalSource() {
        Assessment a = normalize(doc(object("is_external", true, "source_url", "https://zenodo.org/records/1")));
        assertThat(a.metadata().get("external_source_url").asText()).isEqualTo("https://zenodo.org/records/1");
        assertThat(a.metadata().has("source_url")).isFalse();
    }

    @Test
    void isExternalContradictingOriginTypeConflicts() {
        Assessment a = normalize(doc(object("origin_type", "external"), object("is_external", "false")));
        assertThat(a.reasons()).extracting(Reason::code).containsExactly("A-CONFLICT");
    }

    @Test
    void aGithubUrlAtACommitGivesTheCodePin() {
        Assessment a = normalize(doc(object("origin_url",
                "https://github.com/lab/models/blob/9fceb02d0ae598e95dc970b74767f19372d61af8/train/fit.py"), object()));
        assertThat(a.metadata().get("code_repo_url").asText()).isEqualTo("https://github.com/lab/models");
        assertThat(a.metadata().get("code_commit_sha").asText()).isEqualTo("9fceb02d0ae598e95dc970b74767f19372d61af8");
        assertThat(a.metadata().get("code_entrypoint").asText()).isEqualTo("train/fit.py");
        assertThat(a.version().hasCodePin()).isTrue();
    }

    @Test
    void aGithubUrlOnABranchGivesNoCommit() {
        Assessment a = normalize(doc(object("code_url", "https://github.com/lab/models/tree/main/src/train.py")));
        assertThat(a.metadata().get("code_repo_url").asText()).isEqualTo("https://github.com/lab/models");
        assertThat(a.metadata().has("code_commit_sha")).isFalse();
        assertThat(a.metadata().get("code_entrypoint").asText()).isEqualTo("src/train.py");
    }

    @Test
    void provenanceAtTheTopLevelMovesIntoMetadata() {
        Assessment a = normalize(doc(object("trained_by", "jdoe", "training_started_at", "2024-03-01"), object()));
        assertThat(a.metadata().get("trained_by").asText()).isEqualTo("jdoe");
        assertThat(a.metadata().get("training_started_at").asText()).isEqualTo("2024-03-01T00:00:00Z");
        assertThat(a.version().trainedBy()).isEqualTo("jdoe");
    }

    @Test
    void aDateThatIsNotIso8601IsHeld() {
        Assessment a = normalize(doc(object("training_completed_at", "March 3rd, 2024")));
        assertThat(a.reasons()).extracting(Reason::code).containsExactly("A-UNPARSEABLE");
        assertThat(a.errors()).extracting(e -> e.path()).containsExactly("/training_completed_at");
    }

    @Test
    void normalizingTwiceChangesNothingMore() {
        Assessment first = normalize(doc(object("origin_url", "https://github.com/lab/m/tree/abc1234/fit.py"),
                object("architecture", "gbm", "library", "sklearn", "n_params", "350k", "metrics", object("auc", "0.8"))));
        ObjectNode again = Json.object().put("id", "model-1").put("artifact_type", "model").put("title", "M")
                .put("origin_url", "https://github.com/lab/m/tree/abc1234/fit.py");
        again.set("metadata", first.metadata());
        Assessment second = normalize(again.toString());
        assertThat(second.normalizations()).isEmpty();
        assertThat(second.reasons()).isEmpty();
        assertThat(second.metadata()).isEqualTo(first.metadata());
    }

    @Test
    void aValueCutShortInAMessageIsNeverCutInHalfACharacter() {
        String family = "x".repeat(55) + "\ud83e\uddec" + "y".repeat(10);
        Assessment a = normalize(doc(object("model_family", "cnn", "architecture", family)));
        String message = a.reasons().get(0).message();
        assertThat(message).contains("architecture = \"" + "x".repeat(55) + "...");
        assertThat(java.nio.charset.StandardCharsets.UTF_8.newEncoder().canEncode(message)).isTrue();
    }
}
