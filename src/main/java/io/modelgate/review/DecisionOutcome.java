package io.modelgate.review;

import io.modelgate.model.PromotionState;
import java.util.List;

/**
 * What applying a decision did.
 *
 * @param alreadyApplied true when the same decision had been applied before: nothing was written
 * @param superseded     older promoted versions of the lineage that the decision made superseded
 * @param ticket         the resolved ticket's markdown, or null when the artifact had no ticket
 */
public record DecisionOutcome(ReviewDecision decision, PromotionState fromState, PromotionState toState,
                              boolean alreadyApplied, List<String> superseded, String ticket) {
    /** One line for a person: what was decided, by whom, and what changed. */
    public String summary() {
        StringBuilder line = new StringBuilder(decision.id()).append(": ").append(decision.verdict().label())
                .append(" by ").append(decision.actor()).append(" (")
                .append(fromState == null ? "none" : fromState.dbValue()).append(" -> ").append(toState.dbValue()).append(")");
        if (alreadyApplied) {
            line.append(", already applied: nothing written");
        }
        if (!superseded.isEmpty()) {
            line.append("; superseded ").append(String.join(", ", superseded));
        }
        if (ticket != null) {
            line.append("; ticket ").append(ticket);
        }
        return line.toString();
    }
}
