package io.modelgate.review;

import io.modelgate.inbox.InboxFiles;
import io.modelgate.output.DecisionRow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision files reviewers drop into {@code review-queue/decisions/}: each is read, applied
 * through the same code as {@code modelgate review decide}, and moved to {@code .done/}, or to
 * {@code .failed/} with {@code <name>.error.txt} saying which field is wrong and why. A database
 * that fails is not the file's fault: the error goes on, and the file stays for the next poll.
 */
public final class DecisionFiles {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionFiles.class);

    private final DecisionReader reader;
    private final ReviewerDecisions decisions;
    private final InboxFiles folder;

    /**
     * What became of one file: the decision's outcome, or why it was refused; {@code decision} is
     * null when the file could not be read as one.
     */
    public record Result(String fileName, ReviewDecision decision, DecisionOutcome outcome, String refusal) {
        /** The file as the run's report and summary list it. */
        public DecisionRow row() {
            String id = decision == null ? null : decision.id();
            String verdict = decision == null ? null : decision.verdict().label();
            String reviewer = decision == null ? null : decision.reviewer();
            if (outcome == null) {
                return DecisionRow.refused(fileName, id, verdict, reviewer, refusal);
            }
            List<String> notes = new ArrayList<>();
            if (outcome.alreadyApplied()) {
                notes.add("already applied: nothing written");
            }
            if (!outcome.superseded().isEmpty()) {
                notes.add("superseded " + String.join(", ", outcome.superseded()));
            }
            return DecisionRow.applied(fileName, id, verdict, reviewer,
                    outcome.fromState() == null ? null : outcome.fromState().dbValue(), outcome.toState().dbValue(),
                    notes.isEmpty() ? null : String.join("; ", notes));
        }
    }

    public DecisionFiles(DecisionReader reader, ReviewerDecisions decisions, InboxFiles folder) {
        this.reader = reader;
        this.decisions = decisions;
        this.folder = folder;
    }

    public Result apply(String fileName, byte[] content, String runId) {
        ReviewDecision decision = null;
        try {
            decision = reader.fromFile(fileName, content);
            return new Result(fileName, decision, decisions.apply(decision, runId), null);
        } catch (DecisionRefusedException e) {
            LOG.warn("decision file {} refused, nothing written: {}", fileName, e.getMessage());
            return new Result(fileName, decision, null, e.getMessage());
        }
    }

    /** The folder the file moves to, relative to the decisions folder. */
    public String destination(Result result) {
        return folder.settle(result.fileName(),
                result.refusal() == null ? List.of() : List.of(result.fileName() + ": " + result.refusal()));
    }
}
