package io.modelgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.catalog.CatalogStatus;
import io.modelgate.config.ConfigurationException;
import io.modelgate.config.Settings;
import io.modelgate.db.Database;
import io.modelgate.model.Json;
import io.modelgate.output.ReviewQueue;
import io.modelgate.pipeline.PipelineBeans;
import io.modelgate.review.DecisionOutcome;
import io.modelgate.review.DecisionRefusedException;
import io.modelgate.review.ReviewDecision;
import io.modelgate.review.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code modelgate review list | show ID | decide ID ...}: the reviewer's side of the queue. */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "The reviewer's side: list the open tickets, show one, record a decision.",
        subcommands = {ReviewCommand.ListTickets.class, ReviewCommand.Show.class, ReviewCommand.Decide.class})
public final class ReviewCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: list, show or decide");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Everything that waits for a person: the open review tickets, and the candidates the"
                    + " evaluation gate or missing metrics hold back; oldest first, filterable.")
    static final class ListTickets implements Callable<Integer> {
        private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'")
                .withZone(ZoneOffset.UTC);
        /** A terminal's width: the title takes what the other columns leave. */
        private static final int WIDTH = 100;

        @Mixin
        CommonOptions options;

        @Option(names = "--reason", paramLabel = "CODE", description = "Only those with this reason code (A-UNPINNED, G-NO-METRICS, ...).")
        String reason;

        @Option(names = "--family", paramLabel = "TEXT", description = "Only those whose model_family contains this text.")
        String family;

        @Option(names = "--only", paramLabel = "KIND", description = "tickets or candidates; both by default.")
        String only;

        @Override
        public Integer call() {
            Settings settings = options.settings();
            if (only != null && !List.of("tickets", "candidates").contains(only)) {
                throw new ConfigurationException("--only must be tickets or candidates, got \"" + only + "\"");
            }
            if (!"candidates".equals(only)) {
                List<Row> rows = new ReviewQueue(settings.getPath(Settings.REVIEW_QUEUE)).openTicketsOldestFirst().stream()
                        .map(t -> new Row(t.heldSince(), t.id(), t.reasonCodes(), t.source(), t.family(), t.title()))
                        .filter(this::wanted).toList();
                print(rows.size() + " open review ticket(s) in " + settings.get(Settings.REVIEW_QUEUE) + ", oldest first"
                        + " (review show ID; review decide ID):", "no open review tickets in "
                        + settings.get(Settings.REVIEW_QUEUE) + filters(), rows);
            }
            if (!"tickets".equals(only)) {
                try (Database database = CommonOptions.openMigrated(settings)) {
                    List<Row> rows = new CatalogStatus(database.dataSource()).waitingForAPerson().stream()
                            .map(w -> new Row(w.since(), w.id(), w.reasonCodes(), "db", w.family(), w.title()))
                            .filter(this::wanted).toList();
                    print(rows.size() + " candidate(s) waiting for a person, oldest first (review decide ID --promote):",
                            "no candidates waiting for a person" + filters(), rows);
                }
            }
            return ModelgateCli.OK;
        }

        /** One line of the listing: since when, the id, why, where from, its family and title. */
        private record Row(java.time.Instant since, String id, List<String> reasons, String source, String family,
                           String title) {
        }

        private boolean wanted(Row row) {
            return (reason == null || row.reasons().contains(reason))
                    && (family == null || (row.family() != null && row.family().toLowerCase(java.util.Locale.ROOT)
                            .contains(family.toLowerCase(java.util.Locale.ROOT))));
        }

        private String filters() {
            return (reason == null ? "" : " with " + reason) + (family == null ? "" : " in family \"" + family + "\"");
        }

        private static void print(String heading, String none, List<Row> rows) {
            if (rows.isEmpty()) {
                System.out.println(none);
                return;
            }
            System.out.println(heading);
            int idWidth = Math.min(40, rows.stream().mapToInt(r -> r.id().length()).max().orElse(2));
            int reasonWidth = Math.min(30, rows.stream().mapToInt(r -> String.join(",", r.reasons()).length()).max().orElse(7));
            String format = "  %-17s  %-" + idWidth + "s  %-" + reasonWidth + "s  %-5s  %s%n";
            int titleWidth = Math.max(10, WIDTH - (2 + 17 + 2 + idWidth + 2 + reasonWidth + 2 + 5 + 2));
            System.out.printf(format, "since", "id", "reasons", "from", "title");
            for (Row row : rows) {
                System.out.printf(format, WHEN.format(row.since()), cut(row.id(), idWidth),
                        cut(String.join(",", row.reasons()), reasonWidth), row.source(),
                        cut(io.modelgate.model.Text.visible(row.title()), titleWidth));
            }
        }

        private static String cut(String text, int width) {
            return text.length() <= width ? text : text.substring(0, Math.max(1, width - 1)) + "\u2026";
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print a ticket for a person: its key facts, what it differs in from the stored row and from"
                    + " the promoted version of its lineage, why it is held and the next steps.")
    static final class Show implements Callable<Integer> {
        @Mixin
        CommonOptions options;

        @Parameters(paramLabel = "ID", description = "The artifact id of the ticket.")
        String id;

        @Override
        public Integer call() {
            return new TicketShow(options.settings()).print(safeId(id));
        }
    }

    @Command(name = "decide", mixinStandardHelpOptions = true,
            description = "Record a decision on a model version, as a decision file would: the row, one event,"
                    + " the ticket moved to .resolved/.")
    static final class Decide implements Callable<Integer> {
        @Mixin
        CommonOptions options;

        @Parameters(paramLabel = "ID", description = "The artifact id of the model version.")
        String id;

        @ArgGroup(exclusive = true, multiplicity = "1")
        VerdictOption verdict;

        @Option(names = "--reviewer", required = true, paramLabel = "NAME",
                description = "Who decides: letters, digits, '.', '_', '@' or '-'; recorded as reviewer:NAME.")
        String reviewer;

        @Option(names = "--note", required = true, paramLabel = "TEXT", description = "Why, in words; kept with the decision.")
        String note;

        @Option(names = "--metadata", paramLabel = "FILE",
                description = "A JSON object of corrected metadata fields (a null value removes the field).")
        Path metadata;

        static final class VerdictOption {
            @Option(names = "--promote", required = true, description = "Promote it.")
            boolean promote;
            @Option(names = "--candidate", required = true, description = "Keep it as a candidate.")
            boolean candidate;
            @Option(names = "--reject", required = true, description = "Reject it.")
            boolean reject;
            @Option(names = "--supersede", required = true, description = "Mark it superseded.")
            boolean supersede;

            Verdict verdict() {
                return promote ? Verdict.PROMOTE : candidate ? Verdict.CANDIDATE : reject ? Verdict.REJECT : Verdict.SUPERSEDE;
            }
        }

        @Override
        public Integer call() {
            Settings settings = options.settings();
            ObjectNode corrections = corrections();
            try (Database database = CommonOptions.openMigrated(settings)) {
                PipelineBeans beans = new PipelineBeans(settings, database.dataSource());
                ReviewDecision decision;
                try {
                    decision = beans.decisionReader().of(id, verdict.verdict().label(), reviewer, note, corrections);
                } catch (DecisionRefusedException e) {
                    throw new ConfigurationException("the decision is not valid: " + e.getMessage());
                }
                try {
                    DecisionOutcome outcome = beans.reviewerDecisions().apply(decision, null);
                    System.out.println(outcome.summary());
                    return ModelgateCli.OK;
                } catch (DecisionRefusedException e) {
                    System.err.println("modelgate: decision on " + id + " refused, nothing written: " + e.getMessage());
                    return ModelgateCli.INPUT_FAILED;
                }
            }
        }

        private ObjectNode corrections() {
            if (metadata == null) {
                return null;
            }
            try {
                JsonNode node = Json.parse(Files.readString(metadata));
                if (!node.isObject()) {
                    throw new ConfigurationException("--metadata " + metadata + ": must hold one JSON object of corrected fields");
                }
                return (ObjectNode) node;
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new ConfigurationException("--metadata " + metadata + ": cannot be read as JSON: " + e.getMessage());
            }
        }
    }

    /** An id used in a file name must be one: no path of any other kind is read. */
    private static String safeId(String id) {
        if (!io.modelgate.rules.EnvelopeReader.ID_PATTERN.matcher(id).matches()) {
            throw new ConfigurationException("not an artifact id: " + id);
        }
        return id;
    }
}
