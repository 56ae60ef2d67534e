package io.modelgate.rules;

import static io.modelgate.support.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.model.Assessment;
import io.modelgate.model.Channel;
import io.modelgate.model.Reason;
import io.modelgate.support.TestJson;
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

    private static TestJson metadata(String family, TestJson metrics) {
        return object("model_family", family, "framework", "f", "parameter_count", 1, "training_data", "t",
                "evaluation_dataset", "e", "evaluation_metrics", metrics);
    }

    private Assessment assess(TestJson metadata) {
        String json = object("id", "m", "artifact_type", "model", "title", "T", "metadata", metadata).toString();
        return assessor.assess(reader.fromFile("f.json", json.getBytes(StandardCharsets.UTF_8)));
    }

    private Assessment assess(String family, TestJson metrics) {
        return assess(metadata(family, metrics).with("code_repo_url", "https://github.com/a/b")
                .with("code_commit_sha", "abcdef1"));
    }

    @ParameterizedTest
    @CsvSource({"transformer,promote", "biophysical ODE,candidate", "ODE-based kinetics,candidate",
            "Mechanistic model,candidate", "episode-ranker,promote", "decoder,promote"})
    void familiesWaitingForHandEvaluationStayCandidate(String family, String channel) {
        assertThat(assess(family, object("auc", 0.9)).channel().label()).isEqualTo(channel);
    }

    @Test
    void noMetricsMeansCandidate() {
        Assessment a = assess("transformer", object());
        assertThat(a.channel()).isEqualTo(Channel.CANDIDATE);
        assertThat(a.reasons()).extracting(Reason::code).containsExactly("G-NO-METRICS");
    }

    @Test
    void aGatedFamilyWithoutMetricsGetsBothReasons() {
        assertThat(assess("biophysical ODE", object()).reasons()).extracting(Reason::code)
                .containsExactly("G-NO-METRICS", "G-EVAL-PENDING");
    }

    @Test
    void aMissingCodePinIsNotedButDoesNotBlockPromotion() {
        Assessment a = assess(metadata("cnn", object("auc", 0.9)));
        assertThat(a.channel()).isEqualTo(Channel.PROMOTE);
        assertThat(a.reasons()).extracting(Reason::code).containsExactly("N-NO-CODE-PIN");
    }
}
