package io.modelgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.app.PipelineBeans;
import io.modelgate.catalog.CatalogStatus;
import io.modelgate.config.ConfigurationException;
import io.modelgate.config.Settings;
import io.modelgate.db.Database;
import io.modelgate.model.Json;
import io.modelgate.review.DecisionOutcome;
import io.modelgate.review.DecisionRefusedException;
import io.modelgate.review.PolicyReasons;
import io.modelgate.review.ReviewDecision;
import io.modelgate.review.ReviewQueue;
import io.modelgate.review.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code modelgate review list | show ID | decide ID ...}: the reviewer's side of the queue. */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "The reviewer's side: list what waits for a person, show a ticket, record a decision.",
        subcommands = {ReviewCommand.ListTickets.class, ReviewCommand.Show.class, ReviewCommand.Decide.class})
public final class ReviewCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: list, show or decide");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Everything that waits for a person: the open tickets and the candidates the gate holds.",
                    "Oldest first, one line each: since when and how long (age), its state, whether it can be"
                            + " decided as it is (as-is) or needs corrected metadata (metadata), its id, the"
                            + " reasons, where it came from and its title. State held: a ticket on a model not"
                            + " registered or held as a candidate; candidate: registered, held back by the"
                            + " evaluation gate or missing metrics (no ticket); promoted, rejected, superseded: a"
                            + " ticket on a row only a reviewer may change (R-PROTECTED).",
                    "Candidates are read from the database."})
    static final class ListTickets implements Callable<Integer> {
        private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
        private static final String HELD = "held";
        private static final String CANDIDATE = "candidate";
        private static final List<String> TICKET_STATES = List.of(HELD, "promoted", "rejected", "superseded");

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        CommonOptions options;

        @Option(names = "--reason", paramLabel = "CODE", description = "Only those with this reason code (A-UNPINNED, G-NO-METRICS, ...).")
        String reason;

        @Option(names = "--family", paramLabel = "TEXT", description = "Only those whose model_family contains this text.")
        String family;

        @Option(names = "--only", paramLabel = "KIND", description = "tickets or candidates; both by default.")
        String only;

        @Option(names = "--state", paramLabel = "STATE",
                description = "Only those in this state: held, candidate, promoted, rejected or superseded.")
        String state;

        @Option(names = "--older-than", paramLabel = "AGE", description = "Only those waiting longer than this: 45m, 5h, 2d, 1w.")
        String olderThan;

        @Option(names = "--newer-than", paramLabel = "AGE", description = "Only those waiting less long than this: 45m, 5h, 2d, 1w.")
        String newerThan;

        private Instant now;
        private Duration minimumAge;
        private Duration maximumAge;

        @Override
        public Integer call() {
            checkChoice("--only", only, List.of("tickets", "candidates"));
            checkChoice("--state", state, List.of(HELD, CANDIDATE, "promoted", "rejected", "superseded"));
            if (state != null && only != null && (state.equals(CANDIDATE) != only.equals("candidates"))) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--only " + only + " and --state " + state
                        + " exclude each other");
            }
            minimumAge = olderThan == null ? null : Age.parse(spec.commandLine(), "--older-than", olderThan);
            maximumAge = newerThan == null ? null : Age.parse(spec.commandLine(), "--newer-than", newerThan);
            now = Instant.now();
            Settings settings = options.settings();
            if (!"candidates".equals(only) && (state == null || TICKET_STATES.contains(state))) {
                List<Row> rows = new ReviewQueue(settings.getPath(Settings.REVIEW_QUEUE)).openTicketsOldestFirst().stream()
                        .map(t -> new Row(t.heldSince(), t.id(), t.reasonCodes(), t.source(), t.family(), t.title(),
                                t.promotionState() == null || t.promotionState().equals(CANDIDATE) ? HELD : t.promotionState()))
                        .filter(this::wanted).toList();
                print(rows.size() + " open review ticket(s) in " + settings.get(Settings.REVIEW_QUEUE) + ", oldest first"
                        + " (review show ID; review decide ID):", "no open review tickets in "
                        + settings.get(Settings.REVIEW_QUEUE) + filters(), rows);
            }
            if (!"tickets".equals(only) && (state == null || state.equals(CANDIDATE))) {
                try (Database database = CatalogOptions.openMigrated(settings)) {
                    List<Row> rows = new CatalogStatus(database.dataSource()).waitingForAPerson().stream()
                            .map(w -> new Row(w.since(), w.id(), w.reasonCodes(), "db", w.family(), w.title(), CANDIDATE))
                            .filter(this::wanted).toList();
                    print(rows.size() + " candidate(s) waiting for a person, oldest first"
                                    + " (review decide ID --promote --accept-as-is):",
                            "no candidates waiting for a person" + filters(), rows);
                }
            }
            return ModelgateCli.OK;
        }

        /** One line of the listing: since when, the id, why, where from, its family, title and state. */
        private record Row(Instant since, String id, List<String> reasons, String source, String family, String title,
                           String state) {
            /** Decided as it is, or only once its metadata is corrected. */
            String decide() {
                return PolicyReasons.decidableAsIs(reasons) ? "as-is" : "metadata";
            }

            /** Why it waits: the notes (N-*) hold nothing, and are left out. */
            String holding() {
                return reasons.stream().filter(code -> !code.startsWith("N-")).collect(Collectors.joining(","));
            }
        }

        private void checkChoice(String option, String value, List<String> choices) {
            if (value != null && !choices.contains(value)) {
                throw new CommandLine.ParameterException(spec.commandLine(), option + " must be "
                        + String.join(", ", choices.subList(0, choices.size() - 1)) + " or " + choices.get(choices.size() - 1)
                        + ", not \"" + value + "\"");
            }
        }

        private boolean wanted(Row row) {
            Duration age = Duration.between(row.since(), now);
            return (reason == null || row.reasons().contains(reason))
                    && (family == null || (row.family() != null && row.family().toLowerCase(Locale.ROOT)
                            .contains(family.toLowerCase(Locale.ROOT))))
                    && (state == null || state.equals(row.state()))
                    && (minimumAge == null || age.compareTo(minimumAge) > 0)
                    && (maximumAge == null || age.compareTo(maximumAge) < 0);
        }

        private String filters() {
            return (reason == null ? "" : " with " + reason) + (family == null ? "" : " in family \"" + family + "\"")
                    + (state == null ? "" : " in state " + state)
                    + (olderThan == null ? "" : " older than " + olderThan)
                    + (newerThan == null ? "" : " newer than " + newerThan);
        }

        private void print(String heading, String none, List<Row> rows) {
            if (rows.isEmpty()) {
                System.out.println(none);
                return;
            }
            System.out.println(heading);
            TerminalTable table = new TerminalTable().column("since", 10).column("age", 5).column("state", 10)
                    .column("decide", 8).wholeColumn("id").column("reasons", 30).column("from", 5).column("title", 0);
            for (Row row : rows) {
                table.row(DAY.format(row.since()), Age.of(Duration.between(row.since(), now)), row.state(), row.decide(),
                        row.id(), row.holding(), row.source(), row.title());
            }
            table.lines().forEach(System.out::println);
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
            description = {"Record a decision on a model version, as a decision file would.",
                    "It writes the row and one event, and moves the ticket to .resolved/. A held document is"
                            + " decided as it is with --accept-as-is where only a policy reason held it"
                            + " (A-UNPINNED, A-REF, G-*), else with its corrected fields in --metadata FILE."})
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

        @ArgGroup(exclusive = true, multiplicity = "0..1")
        MetadataChoice metadataChoice = new MetadataChoice();

        /** The metadata the decision registers: corrected fields, or the held document as it is. */
        static final class MetadataChoice {
            @Option(names = "--metadata", paramLabel = "FILE",
                    description = "A JSON object of corrected metadata fields (a null value removes the field).")
            Path metadata;

            @Option(names = "--accept-as-is",
                    description = "Take the held document unchanged; refused where more than a policy reason"
                            + " (A-UNPINNED, A-REF, G-*) held it.")
            boolean acceptAsIs;
        }

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
            try (Database database = CatalogOptions.openMigrated(settings)) {
                PipelineBeans beans = new PipelineBeans(settings, database.dataSource());
                ReviewDecision decision;
                try {
                    decision = beans.decisionReader().of(id, verdict.verdict().label(), reviewer, note, corrections);
                    if (metadataChoice.acceptAsIs) {
                        decision = decision.acceptingAsIs();
                    }
                } catch (DecisionRefusedException e) {
                    throw new ConfigurationException("the decision is not valid: " + e.getMessage());
                }
                try {
                    DecisionOutcome outcome = beans.reviewerDecisions().apply(decision, null);
                    System.out.println(outcome.summary());
                    return ModelgateCli.OK;
                } catch (DecisionRefusedException e) {
                    // the reason on a line of its own: with the id before it, it would not fit a terminal's width
                    System.err.println("modelgate: decision on " + id + " refused, nothing written:");
                    System.err.println("  " + e.getMessage());
                    return ModelgateCli.INPUT_FAILED;
                }
            }
        }

        private ObjectNode corrections() {
            Path metadata = metadataChoice.metadata;
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
