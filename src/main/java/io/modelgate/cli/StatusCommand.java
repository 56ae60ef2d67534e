package io.modelgate.cli;

import io.modelgate.catalog.CatalogStatus;
import io.modelgate.config.Settings;
import io.modelgate.db.Database;
import io.modelgate.review.ReviewQueue;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Print the model versions per promotion_state, the open review tickets and the last runs.",
                "Each count points to the command that lists its ids."})
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Override
    public Integer call() {
        Settings settings = options.settings();
        try (Database database = CatalogOptions.openMigrated(settings)) {
            CatalogStatus status = new CatalogStatus(database.dataSource());
            System.out.println("model versions by promotion_state:");
            status.countsByState().forEach((state, count) -> System.out.printf("  %-10s %d%s%n", state, count,
                    count == 0 ? "" : "  (modelgate versions --state " + state + ")"));
            List<String> tickets = new ReviewQueue(settings.getPath(Settings.REVIEW_QUEUE)).openTickets();
            System.out.println("open review tickets in " + settings.get(Settings.REVIEW_QUEUE) + ": " + tickets.size()
                    + (tickets.isEmpty() ? "" : " (modelgate review list)"));
            tickets.forEach(ticket -> System.out.println("  " + ticket));
            List<String> runs = status.lastRuns(5);
            System.out.println("last runs:" + (runs.isEmpty() ? " none" : ""));
            runs.forEach(run -> System.out.println("  " + run));
            return ModelgateCli.OK;
        }
    }
}
