package io.modelgate.pipeline;

import io.modelgate.model.Assessment;
import io.modelgate.model.LeftAsDecided;
import io.modelgate.output.ReviewQueue;
import java.nio.file.Path;

/**
 * Writes the ticket of a held artifact, and closes it once the artifact is registered. An
 * artifact left as decided ({@link LeftAsDecided}) comes in review from the catalog but holds
 * nothing: it gets no ticket, and a ticket of its id that is open stays as it was.
 */
public final class ReviewTickets {
    private final ReviewQueue queue;

    public ReviewTickets(ReviewQueue queue) {
        this.queue = queue;
    }

    public void open(Assessment assessment) {
        if (LeftAsDecided.applies(assessment.channel(), assessment.change(), assessment.newState())) {
            return;
        }
        Path markdown = queue.write(assessment);
        assessment.ticketPath(markdown.toString());
    }

    public void close(Assessment assessment) {
        queue.resolve(assessment.id());
    }
}
