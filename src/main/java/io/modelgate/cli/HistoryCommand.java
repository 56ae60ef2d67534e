package io.modelgate.cli;

import io.modelgate.catalog.HeldDocuments;
import io.modelgate.catalog.ModelHistory;
import io.modelgate.config.Settings;
import io.modelgate.db.Database;
import io.modelgate.output.HistoryView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code modelgate history ID}: a model version's row, then every hold and every write of the id,
 * oldest first, with what each changed (see {@link HistoryView}).
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Print a model version's row, then every hold, resubmission and write of the id, oldest first,"
                + " with what each changed.")
public final class HistoryCommand implements Callable<Integer> {
    @Mixin
    CatalogOptions options;

    @Parameters(paramLabel = "ID", arity = "0..1", description = "The artifact id of the model version.")
    String id;

    @Option(names = "--lineage", paramLabel = "ID",
            description = "With --as-of: which version of ID's lineage was promoted at TIME.")
    String lineage;

    @Option(names = "--as-of", paramLabel = "TIME",
            description = "The moment for --lineage, e.g. 2026-12-05T20:00:00Z (no offset means UTC).")
    String asOf;

    @Override
    public Integer call() {
        Settings settings = options.settings();
        if (lineage != null || asOf != null) {
            return LineageAtTime.print(settings, lineage, asOf);
        }
        if (id == null) {
            System.err.println("modelgate: history needs an ID, or --lineage ID --as-of TIME");
            return ModelgateCli.USAGE;
        }
        try (Database database = CatalogOptions.openMigrated(settings)) {
            ModelHistory.History history = new ModelHistory(database.dataSource()).of(id);
            HeldDocuments.Hold waiting = new HeldDocuments(database.dataSource()).hold(id);
            if (history.isEmpty() && waiting == null) {
                System.err.println("modelgate: no model version and no held inbox file has the id " + id);
                return ModelgateCli.INPUT_FAILED;
            }
            HistoryView.of(id, history, waiting == null ? null : waiting.file()).forEach(System.out::println);
            return ModelgateCli.OK;
        }
    }
}
