package io.modelgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelgate.catalog.ReviewContext;
import io.modelgate.config.Settings;
import io.modelgate.db.Database;
import io.modelgate.model.ReviewQueueLayout;
import io.modelgate.review.ReviewQueue;
import io.modelgate.review.Ticket;
import io.modelgate.review.TicketView;
import java.nio.file.Path;

/**
 * {@code review show ID}: a ticket, open or resolved, as a person reads it in a terminal,
 * compared with what the database holds now (see {@link TicketView}).
 */
final class TicketShow {
    private final Settings settings;

    TicketShow(Settings settings) {
        this.settings = settings;
    }

    int print(String id) {
        Path queue = settings.getPath(Settings.REVIEW_QUEUE);
        JsonNode json = new ReviewQueue(queue).ticket(id);
        if (json == null) {
            System.err.println("modelgate: no ticket for " + id + " in " + settings.get(Settings.REVIEW_QUEUE)
                    + " or its " + ReviewQueueLayout.RESOLVED + "/ folder");
            return ModelgateCli.INPUT_FAILED;
        }
        Ticket ticket = Ticket.of(json);
        ReviewContext.Context context;
        try (Database database = CatalogOptions.openMigrated(settings)) {
            context = new ReviewContext(database.dataSource()).of(id, TicketView.linkedIds(ticket),
                    TicketView.baseModelId(ticket));
        }
        Path markdown = (ticket.isResolved() ? queue.resolve(ReviewQueueLayout.RESOLVED) : queue).resolve(id + ".md");
        TicketView.of(ticket, context, markdown.toString()).forEach(System.out::println);
        return ModelgateCli.OK;
    }
}
