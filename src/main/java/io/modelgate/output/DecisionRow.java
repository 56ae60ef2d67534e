package io.modelgate.output;

/**
 * What a run's report and summary say about one decision file it read: applied (with the row's
 * state before and after) or refused (with the one sentence saying why; nothing was written).
 * The id, decision and reviewer are null where the file could not be read as a decision.
 *
 * @param note for an applied decision, what else it did or did not do ("already applied: nothing
 *             written", "superseded model-a"), or null
 */
public record DecisionRow(String file, String id, String decision, String reviewer, boolean applied, String fromState,
                          String toState, String note, String refusal) {
    public static final String APPLIED = "applied";
    public static final String REFUSED = "refused";

    public static DecisionRow applied(String file, String id, String decision, String reviewer, String fromState,
                                      String toState, String note) {
        return new DecisionRow(file, id, decision, reviewer, true, fromState, toState, note, null);
    }

    public static DecisionRow refused(String file, String id, String decision, String reviewer, String refusal) {
        return new DecisionRow(file, id, decision, reviewer, false, null, null, null, refusal);
    }

    public String outcome() {
        return applied ? APPLIED : REFUSED;
    }

    /** In words, for a person: the change of state an applied decision made, or why it was refused. */
    public String reason() {
        if (!applied) {
            return refusal;
        }
        return (fromState == null ? "none" : fromState) + " -> " + toState + (note == null ? "" : "; " + note);
    }
}
