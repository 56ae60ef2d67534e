package io.modelgate.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelgate.model.Assessment;
import io.modelgate.model.Channel;
import io.modelgate.model.PromotionState;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Step 5, the gate: which channel a valid, unambiguous model goes to. Promote when it carries at
 * least one evaluation metric and its family is not one that waits for hand evaluation; otherwise
 * candidate. Anything held by an earlier step goes to review.
 */
public final class PromotionPolicy {
    private final Set<String> evalGateFamilies;

    public PromotionPolicy(List<String> evalGateFamilies) {
        this.evalGateFamilies = Set.copyOf(evalGateFamilies);
    }

    /** Step 5 for each artifact of a batch, in order. */
    public void decideAll(List<Assessment> batch) {
        batch.forEach(this::decide);
    }

    public void decide(Assessment assessment) {
        if (!assessment.version().hasCodePin()) {
            assessment.reason("N-NO-CODE-PIN", "no code repository and commit are recorded yet; the training code is not pinned");
        }
        if (assessment.isHeld()) {
            hold(assessment);
            return;
        }
        JsonNode metrics = assessment.metadata().path("evaluation_metrics");
        String gatedFamily = gatedFamilyToken(assessment.metadata().path("model_family").asText(""));
        if (metrics.size() == 0) {
            assessment.reason("G-NO-METRICS", "no evaluation metrics are recorded; it stays candidate until it is evaluated");
        }
        if (gatedFamily != null) {
            assessment.reason("G-EVAL-PENDING", "model family \"" + assessment.metadata().path("model_family").asText()
                    + "\" (" + gatedFamily + ") is promoted only after evaluation by hand (modelgate.policy.eval-gate-families)");
        }
        assessment.channel(metrics.size() > 0 && gatedFamily == null ? Channel.PROMOTE : Channel.CANDIDATE);
        assessment.newState(assessment.channel() == Channel.PROMOTE ? PromotionState.PROMOTED : PromotionState.CANDIDATE);
    }

    /**
     * Sends to review an artifact that a hold was found for after the gate (its base model, in the
     * same run, was not registered after all): the gate's reasons, which speak of promotion, go.
     */
    public static void hold(Assessment assessment) {
        assessment.reasons().removeIf(reason -> reason.code().startsWith("G-"));
        assessment.channel(Channel.REVIEW);
        assessment.newState(PromotionState.CANDIDATE);
    }

    private String gatedFamilyToken(String modelFamily) {
        return Arrays.stream(modelFamily.split("[^A-Za-z]+"))
                .map(token -> token.toLowerCase(Locale.ROOT))
                .filter(evalGateFamilies::contains)
                .findFirst().orElse(null);
    }
}
