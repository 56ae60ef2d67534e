package io.modelgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.app.PipelineSettings;
import io.modelgate.config.Settings;
import io.modelgate.model.Assessment;
import io.modelgate.model.Channel;
import io.modelgate.model.Json;
import io.modelgate.model.PromotionState;
import io.modelgate.model.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Steps 2 to 5 in one call: the channel an artifact read from its envelope goes to, and why. */
class ArtifactAssessorTest {
    private static final ArtifactDirectory DIRECTORY = Set.of("base-1")::contains;

    private final EnvelopeReader reader = new EnvelopeReader(new InputLimits(1 << 20, 64, 65536));
    private final ArtifactAssessor assessor = ArtifactAssessor.create(PipelineSettings.rules(Settings.defaultsWith(Map.of())), DIRECTORY);

    private static ObjectNode metadata() {
        ObjectNode metadata = Json.object().put("model_family", "gradient boosting").put("framework", "lightgbm")
                .put("parameter_count", 5000).put("training_data", "ADNI").put("evaluation_dataset", "ADNI holdout")
                .put("code_repo_url", "https://github.com/lab/ad-risk").put("code_commit_sha", "9fceb02");
        metadata.putObject("evaluation_metrics").put("auc", 0.82);
        return metadata;
    }

    private Assessment read(String id, ObjectNode metadata) {
        ObjectNode document = Json.object().put("id", id).put("artifact_type", "model").put("title", "Model " + id);
        document.set("metadata", metadata);
        return reader.fromFile(id + ".json", Json.write(document).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> codes(Assessment assessment) {
        return assessment.reasons().stream().map(Reason::code).toList();
    }

    @Test
    void aValidPinnedModelWithMetricsIsPromoted() {
        Assessment a = assessor.assess(read("model-1", metadata()));

        assertThat(a.channel()).isEqualTo(Channel.PROMOTE);
        assertThat(a.newState()).isEqualTo(PromotionState.PROMOTED);
        assertThat(a.reasons()).isEmpty();
        assertThat(a.isMetadataSchemaValid()).isTrue();
    }

    @Test
    void aModelWithoutMetricsStaysCandidateWithItsReason() {
        ObjectNode metadata = metadata();
        metadata.putObject("evaluation_metrics");

        Assessment a = assessor.assess(read("model-1", metadata));

        assertThat(a.channel()).isEqualTo(Channel.CANDIDATE);
        assertThat(a.newState()).isEqualTo(PromotionState.CANDIDATE);
        assertThat(a.reasons()).containsExactly(new Reason("G-NO-METRICS",
                "no evaluation metrics are recorded; it stays candidate until it is evaluated"));
    }

    @Test
    void metadataThatBreaksTheSchemaGoesToReviewWithVSchemaAndNoGateReason() {
        ObjectNode metadata = metadata().put("parameter_count", -1);
        metadata.putObject("evaluation_metrics");

        Assessment a = assessor.assess(read("model-1", metadata));

        assertThat(a.channel()).isEqualTo(Channel.REVIEW);
        assertThat(a.newState()).isEqualTo(PromotionState.CANDIDATE);
        assertThat(codes(a)).containsExactly("V-SCHEMA");
        assertThat(a.reasons().get(0).message()).startsWith("the metadata does not satisfy the schema: /parameter_count");
        assertThat(a.isMetadataSchemaValid()).isFalse();
    }

    @Test
    void anUnregisteredBaseModelSendsTheModelToReviewWithARef() {
        Assessment a = assessor.assess(read("model-1", metadata().put("base_model_id", "base-2")));

        assertThat(a.channel()).isEqualTo(Channel.REVIEW);
        assertThat(codes(a)).containsExactly("A-REF");
        assertThat(a.errors()).extracting(e -> e.path()).containsExactly("/base_model_id");
    }

    @Test
    void aRegisteredBaseModelLetsTheModelThroughTheGate() {
        Assessment a = assessor.assess(read("model-1", metadata().put("base_model_id", "base-1")));

        assertThat(a.channel()).isEqualTo(Channel.PROMOTE);
        assertThat(a.referencesFound()).containsEntry("base-1", true);
    }

    @Test
    void anInputThatFailedToBeReadIsLeftAsItIs() {
        Assessment failed = reader.fromFile("broken.json", "{\"id\": ".getBytes(StandardCharsets.UTF_8));
        List<Reason> before = new ArrayList<>(failed.reasons());

        Assessment a = assessor.assess(failed);

        assertThat(a).isSameAs(failed);
        assertThat(a.channel()).isEqualTo(Channel.FAILED);
        assertThat(a.reasons()).isEqualTo(before).extracting(Reason::code).containsExactly("E-PARSE");
        assertThat(a.newState()).isNull();
    }

    @Test
    void theEvalGateFamiliesComeFromTheSettings() {
        ArtifactAssessor gatingBoosting = ArtifactAssessor.create(
                PipelineSettings.rules(Settings.defaultsWith(Map.of(Settings.EVAL_GATE_FAMILIES, "Boosting"))), DIRECTORY);

        Assessment gated = gatingBoosting.assess(read("model-1", metadata()));
        Assessment byDefault = assessor.assess(read("model-2", metadata().put("model_family", "ODE system")));

        assertThat(gated.channel()).isEqualTo(Channel.CANDIDATE);
        assertThat(gated.reasons()).containsExactly(new Reason("G-EVAL-PENDING", "model family \"gradient boosting\""
                + " (boosting) is promoted only after evaluation by hand (modelgate.policy.eval-gate-families)"));
        assertThat(byDefault.channel()).isEqualTo(Channel.CANDIDATE);
        assertThat(codes(byDefault)).containsExactly("G-EVAL-PENDING");
    }

    @Test
    void aBatchIsAssessedInOrderEachOnItsOwn() {
        ObjectNode noMetrics = metadata();
        noMetrics.putObject("evaluation_metrics");
        List<Assessment> batch = new ArrayList<>(List.of(read("model-1", metadata()),
                reader.fromFile("broken.json", "[".getBytes(StandardCharsets.UTF_8)),
                read("model-3", metadata().put("base_model_id", "base-9")), read("model-4", noMetrics)));

        List<Assessment> assessed = assessor.assessAll(batch);

        assertThat(assessed).isSameAs(batch);
        assertThat(assessed).extracting(Assessment::channel)
                .containsExactly(Channel.PROMOTE, Channel.FAILED, Channel.REVIEW, Channel.CANDIDATE);
    }
}
