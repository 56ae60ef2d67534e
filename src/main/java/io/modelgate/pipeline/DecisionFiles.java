package io.modelgate.pipeline;

import io.modelgate.review.DecisionOutcome;
import io.modelgate.review.DecisionReader;
import io.modelgate.review.DecisionRefusedException;
import io.modelgate.review.ReviewerDecisions;
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

    /** What became of one file: the decision's outcome, or why it was refused. */
    public record Result(String fileName, DecisionOutcome outcome, String refusal) {
    }

    public DecisionFiles(DecisionReader reader, ReviewerDecisions decisions, InboxFiles folder) {
        this.reader = reader;
        this.decisions = decisions;
        this.folder = folder;
    }

    public Result apply(String fileName, byte[] content, String runId) {
        try {
            return new Result(fileName, decisions.apply(reader.fromFile(fileName, content), runId), null);
        } catch (DecisionRefusedException e) {
            LOG.warn("decision file {} refused, nothing written: {}", fileName, e.getMessage());
            return new Result(fileName, null, e.getMessage());
        }
    }

    /** The folder the file moves to, relative to the decisions folder. */
    public String destination(Result result) {
        return folder.settle(result.fileName(),
                result.refusal() == null ? List.of() : List.of(result.fileName() + ": " + result.refusal()));
    }
}
