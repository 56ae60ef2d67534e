package io.modelgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.model.Assessment;
import io.modelgate.model.Channel;
import io.modelgate.model.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromotionPolicyTest {
    private final EnvelopeReader reader = new EnvelopeReader(new InputLimits(1 << 20, 64, 65536));
    private final ArtifactAssessor assessor = new ArtifactAssessor(new MetadataNormalizer(),
            new SchemaCheck(new MetadataValidator()), new ReferenceChecker(ArtifactDirectory.OFFLINE),
            new PromotionPolicy(List.of("ode", "biophysical", "mechanistic")));

    private Assessment assess(String family, String metrics) {
        String json = "{\"id\": \"m\", \"artifact_type\": \"model\", \"title\": \"T\", \"metadata\": {\"model_family\": \""
                + family + "\", \"framework\": \"f\", \"parameter_count\": 1, \"training_data\": \"t\","
                + " \"evaluation_dataset\": \"e\", \"evaluation_metrics\": " + metrics + ","
                + " \"code_repo_url\": \"https://github.com/a/b\", \"code_commit_sha\": \"abcdef1\"}}";
        return assessor.assess(reader.fromFile("f.json", json.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @CsvSource({"transformer,promote", "biophysical ODE,candidate", "ODE-based kinetics,candidate",
            "Mechanistic model,candidate", "episode-ranker,promote", "decoder,promote"})
    void familiesWaitingForHandEvaluationStayCandidate(String family, String channel) {
        assertThat(assess(family, "{\"auc\": 0.9}").channel().label()).isEqualTo(channel);
    }

    @Test
    void noMetricsMeansCandidate() {
        Assessment a = assess("transformer", "{}");
        assertThat(a.channel()).isEqualTo(Channel.CANDIDATE);
        assertThat(a.reasons()).extracting(Reason::code).containsExactly("G-NO-METRICS");
    }

    @Test
    void aGatedFamilyWithoutMetricsGetsBothReasons() {
        assertThat(assess("biophysical ODE", "{}").reasons()).extracting(Reason::code)
                .containsExactly("G-NO-METRICS", "G-EVAL-PENDING");
    }

    @Test
    void aMissingCodePinIsNotedButDoesNotBlockPromotion() {
        String json = "{\"id\": \"m\", \"artifact_type\": \"model\", \"title\": \"T\", \"metadata\": {\"model_family\": \"cnn\","
                + " \"framework\": \"f\", \"parameter_count\": 1, \"training_data\": \"t\", \"evaluation_dataset\": \"e\","
                + " \"evaluation_metrics\": {\"auc\": 0.9}}}";
        Assessment a = assessor.assess(reader.fromFile("f.json", json.getBytes(StandardCharsets.UTF_8)));
        assertThat(a.channel()).isEqualTo(Channel.PROMOTE);
        assertThat(a.reasons()).extracting(Reason::code).containsExactly("N-NO-CODE-PIN");
    }
}
