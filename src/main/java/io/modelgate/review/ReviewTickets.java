package io.modelgate.review;

import io.modelgate.catalog.HoldLog;
import io.modelgate.model.Assessment;
import io.modelgate.model.Change;
import io.modelgate.model.LeftAsDecided;
import java.nio.file.Path;

/**
 * Writes the ticket of a held artifact, and closes it once the artifact is registered. An
 * artifact left as decided ({@link LeftAsDecided}) comes in review from the catalog but holds
 * nothing: it gets no ticket, and a ticket of its id that is open stays as it was. A hold that
 * wrote nothing else (a row the pipeline left as it was) is logged for history here; an inbox
 * file's hold is logged with its held document, and a hold that wrote its row is an event.
 */
public final class ReviewTickets {
    private final ReviewQueue queue;
    private final HoldLog holds;

    public ReviewTickets(ReviewQueue queue, HoldLog holds) {
        this.queue = queue;
        this.holds = holds;
    }

    public void open(Assessment assessment) {
        if (LeftAsDecided.applies(assessment.channel(), assessment.change(), assessment.newState())) {
            return;
        }
        // an inbox file's hold was logged with its held document, in the write step's transaction
        if (assessment.change() == Change.NONE && assessment.fromDatabase()) {
            holds.append(new HoldLog.Hold(assessment.id(), null, assessment.runId(), assessment.source(),
                    assessment.file(), assessment.reasons(), assessment.title(), HoldLog.metadata(assessment.metadata())));
        }
        Path markdown = queue.write(assessment);
        assessment.ticketPath(markdown.toString());
    }

    public void close(Assessment assessment) {
        queue.resolve(assessment.id(), ReviewQueue.Resolution.registered(
                assessment.newState() == null ? null : assessment.newState().dbValue(), assessment.runId()));
    }
}
