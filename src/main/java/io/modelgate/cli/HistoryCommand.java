package io.modelgate.cli;

import io.modelgate.catalog.HeldDocuments;
import io.modelgate.catalog.ModelHistory;
import io.modelgate.config.Settings;
import io.modelgate.db.Database;
import io.modelgate.model.Json;
import io.modelgate.output.JsonDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code modelgate history ID}: a model version's row and every event, oldest first, with what each changed. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Print a model version's row and every event of it, oldest first, with what changed.")
public final class HistoryCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

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
        try (Database database = CommonOptions.openMigrated(settings)) {
            ModelHistory.History history = new ModelHistory(database.dataSource()).of(id);
            HeldDocuments.Hold hold = new HeldDocuments(database.dataSource()).hold(id);
            if (history.isEmpty() && hold == null) {
                System.err.println("modelgate: no model version and no held inbox file has the id " + id);
                return ModelgateCli.INPUT_FAILED;
            }
            if (hold != null) {
                // an inbox file held for review registered nothing: its hold is all there is to show of it
                System.out.println("held inbox file " + hold.file() + ", not registered: held "
                        + hold.heldAt().withOffsetSameInstant(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        + (hold.runId() == null ? "" : " (run " + hold.runId() + ")")
                        + "; reasons: " + String.join(", ", hold.reasonCodes()));
                System.out.println("  decide it with: modelgate review decide " + id + " --promote|--candidate|--reject ...");
                if (history.isEmpty()) {
                    return ModelgateCli.OK;
                }
                System.out.println();
            }
            print(history);
            return ModelgateCli.OK;
        }
    }

    private void print(ModelHistory.History history) {
        System.out.println("model version " + id);
        if (history.row() == null) {
            System.out.println("  (no model_versions row now)");
        } else {
            for (Map.Entry<String, Object> column : history.row().entrySet()) {
                if (column.getValue() != null && !column.getKey().equals("artifact_id")) {
                    System.out.printf("  %-24s %s%n", column.getKey(), column.getValue());
                }
            }
        }
        System.out.println();
        System.out.println(history.events().size() + " event(s), oldest first:");
        for (ModelHistory.Event event : history.events()) {
            System.out.println();
            System.out.println("#" + event.id() + "  " + event.at() + "  " + event.event() + "  "
                    + (event.fromState() == null ? "none" : event.fromState()) + " -> " + event.toState()
                    + "  by " + event.actor() + (event.runId() == null ? "" : "  (run " + event.runId() + ")"));
            List<String> codes = new ArrayList<>();
            Json.parse(event.reasonsJson()).forEach(r -> codes.add(r.path("code").asText()));
            if (!codes.isEmpty()) {
                System.out.println("    reasons: " + String.join(", ", codes));
            }
            if (event.note() != null) {
                System.out.println("    note: " + event.note().replace("\n", "\n          "));
            }
            List<String> changes = JsonDiff.lines(event.metadataBefore(), event.metadataAfter());
            if (event.metadataBefore() == null && event.metadataAfter() != null) {
                System.out.println("    metadata: new");
            } else if (changes.isEmpty()) {
                System.out.println("    metadata: unchanged");
            } else {
                System.out.println("    metadata:");
                changes.forEach(line -> System.out.println("      " + line));
            }
        }
    }
}
