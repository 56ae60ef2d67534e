package io.modelgate.pipeline;

import io.modelgate.model.Assessment;
import io.modelgate.output.ReviewQueue;
import java.nio.file.Path;

/** Writes the ticket of a held artifact, and closes it once the artifact is registered. */
public final class ReviewTickets {
    private final ReviewQueue queue;

    public ReviewTickets(ReviewQueue queue) {
        this.queue = queue;
    }

    public void open(Assessment assessment) {
        Path markdown = queue.write(assessment);
        assessment.ticketPath(markdown.toString());
    }

    public void close(Assessment assessment) {
        queue.resolve(assessment.id());
    }
}
