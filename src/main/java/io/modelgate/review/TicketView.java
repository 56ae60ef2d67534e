package io.modelgate.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelgate.catalog.ReviewContext;
import io.modelgate.model.FieldError;
import io.modelgate.model.Json;
import io.modelgate.output.JsonDiff;
import io.modelgate.output.TerminalText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A ticket as {@code review show} prints it in a terminal, every line within 100 columns: a header
 * of key facts (family, framework, size, metrics, code pin, base model and its state), what the
 * held metadata differs in from the stored row and from the promoted version of its lineage
 * (JSON pointers, old -> new), why it is held (each reason once) and the next steps. The
 * documents in full stay in the ticket's markdown file. Values from input are shown with their
 * control characters as escapes ({@link TerminalText}), so none can move the cursor or colour the terminal.
 */
public final class TicketView {
    public static final int WIDTH = 100;
    private static final String LABEL = "  %-12s ";
    private static final String INDENT = "  ";
    /** Where a command may break: before an option, so that each option stays with its value. */
    private static final String OPTION = " (?=--)";

    private final List<String> lines = new ArrayList<>();

    private TicketView() {
    }

    /** The lines to print for this ticket, compared with what is stored. */
    public static List<String> of(Ticket ticket, ReviewContext.Context context, String ticketFile) {
        TicketView view = new TicketView();
        view.header(ticket, context);
        view.differences(ticket, context);
        view.reasons(ticket);
        if (!ticket.isResolved()) {
            view.steps(ticket);
        }
        view.add("");
        view.wrap("The ticket in full (documents, normalizations): " + ticketFile, "", "  ");
        return view.lines;
    }

    /** The ids the held document links its lineage through (parent_version_id, superseded_by). */
    public static List<String> linkedIds(Ticket ticket) {
        List<String> ids = new ArrayList<>();
        for (String field : List.of("parent_version_id", "superseded_by")) {
            JsonNode value = ticket.document().path(field);
            if (value.isTextual() && !value.asText().isBlank()) {
                ids.add(value.asText());
            }
        }
        return ids;
    }

    /** The base model the held metadata names, or null. */
    public static String baseModelId(Ticket ticket) {
        JsonNode value = ticket.metadata().path("base_model_id");
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private void header(Ticket ticket, ReviewContext.Context context) {
        wrap(shown(ticket.id()) + ": " + shown(ticket.title() == null ? "(no title)" : ticket.title()), "", "  ");
        if (ticket.isResolved()) {
            JsonNode last = ticket.resolutions().get(ticket.resolutions().size() - 1);
            wrap("resolved: " + shown(Ticket.resolutionLine(last)), INDENT, INDENT + "  ");
            if (!last.path("note").isNull() && !last.path("note").isMissingNode()) {
                wrap("note: " + shown(last.path("note").asText()), INDENT, INDENT + "  ");
            }
        }
        wrap((ticket.isResolved() ? "was held " : "held ") + (ticket.heldAt() == null ? "" : ticket.heldAt() + " ")
                + "in run " + shown(ticket.runId()) + ", from " + shown(ticket.source())
                + (ticket.file() == null ? "" : " file " + shown(ticket.file())), INDENT, INDENT + "  ");
        JsonNode metadata = ticket.metadata();
        fact("state now", context.stored() == null ? "not registered"
                : context.stored().state() == null ? "registered, no model_versions row" : context.stored().state());
        fact("family", value(metadata.path("model_family")));
        fact("framework", value(metadata.path("framework")));
        fact("size", size(metadata.path("parameter_count")));
        fact("code pin", codePin(ticket));
        String base = baseModelId(ticket);
        fact("base model", base == null ? "none named" : shown(base) + " (" + (context.baseModelState() == null
                ? "not registered" : context.baseModelState()) + ")");
        JsonNode metrics = metadata.path("evaluation_metrics");
        if (!metrics.isObject() || metrics.isEmpty()) {
            fact("metrics", metrics.isMissingNode() ? "none" : metrics.isObject() ? "none (empty)" : value(metrics));
            return;
        }
        int nameWidth = "name".length();
        for (var names = metrics.fieldNames(); names.hasNext(); ) {
            nameWidth = Math.max(nameWidth, shown(names.next()).length());
        }
        nameWidth = Math.min(nameWidth, 40);
        add(String.format(Locale.ROOT, LABEL, "metrics") + String.format(Locale.ROOT, "%-" + nameWidth + "s  %s", "name", "value"));
        for (var fields = metrics.properties().iterator(); fields.hasNext(); ) {
            var metric = fields.next();
            add(String.format(Locale.ROOT, LABEL, "") + String.format(Locale.ROOT, "%-" + nameWidth + "s  %s",
                    cut(shown(metric.getKey()), nameWidth), shown(Json.compact(metric.getValue()))));
        }
    }

    private void differences(Ticket ticket, ReviewContext.Context context) {
        String held = Json.write(ticket.metadata());
        add("");
        ReviewContext.Version stored = context.stored();
        if (stored == null) {
            add("Stored row: none; nothing of it is registered yet.");
        } else {
            diff("Differs from the stored row (" + (stored.state() == null ? "no model_versions row" : stored.state())
                    + "):", "Same metadata as the stored row (" + stored.state() + ").", stored.metadata(), held);
        }
        ReviewContext.Version promoted = context.promoted();
        if (promoted == null) {
            add("Promoted version of its lineage: none.");
        } else {
            diff("Differs from " + shown(promoted.id()) + ", the promoted version of its lineage:",
                    "Same metadata as " + shown(promoted.id()) + ", the promoted version of its lineage.",
                    promoted.metadata(), held);
        }
    }

    private void diff(String heading, String same, String before, String after) {
        List<String> changes = JsonDiff.lines(before, after);
        if (changes.isEmpty()) {
            wrap(same, "", "  ");
            return;
        }
        wrap(heading, "", "  ");
        changes.forEach(change -> add(cut(INDENT + shown(change), WIDTH)));
    }

    private void reasons(Ticket ticket) {
        HeldReasons held = ticket.heldReasons();
        add("");
        add(ticket.isResolved() ? "Why it was held:" : "Why it is held:");
        int codeWidth = held.reasons().stream().mapToInt(s -> s.code().length()).max().orElse(0);
        for (HeldReasons.Said said : held.reasons()) {
            String fields = said.fields().isEmpty() ? "" : String.join(", ", said.fields()) + ": ";
            wrap(String.format(Locale.ROOT, "%-" + codeWidth + "s  ", said.code()) + shown(fields + said.message()),
                    INDENT, INDENT + " ".repeat(codeWidth + 2));
        }
        if (!held.errors().isEmpty()) {
            add("Errors:");
            for (FieldError error : held.errors()) {
                wrap(shown(error.shownPath()) + ": " + shown(error.message()), INDENT, INDENT + "  ");
            }
        }
    }

    private void steps(Ticket ticket) {
        add("");
        add("Next steps:");
        int number = 1;
        for (NextSteps.Step step : ticket.nextSteps()) {
            String prefix = INDENT + number++ + ". ";
            String hanging = " ".repeat(prefix.length());
            if (step.command() == null || step.command().length() < 40) {
                wrap(shown(step.plain()), prefix, hanging);
            } else {
                // a long command on lines of its own, so that it can be read and copied as a whole
                wrap(shown(step.words()), prefix, hanging);
                wrap(shown(step.command()), hanging + "  ", hanging + "    ", OPTION);
                if (step.after() != null) {
                    wrap(shown(step.after()), hanging, hanging);
                }
            }
        }
    }

    private void fact(String label, String value) {
        wrap(value, String.format(Locale.ROOT, LABEL, label), " ".repeat(String.format(Locale.ROOT, LABEL, label).length()));
    }

    private static String value(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return "none";
        }
        return shown(node.isTextual() ? node.asText() : Json.compact(node));
    }

    /** parameter_count as a person reads it: 7,000,000 parameters. */
    private static String size(JsonNode count) {
        if (count.isIntegralNumber()) {
            return String.format(Locale.ROOT, "%,d parameters", count.bigIntegerValue());
        }
        return value(count);
    }

    private static String codePin(Ticket ticket) {
        String repo = field(ticket, "code_repo_url");
        String commit = field(ticket, "code_commit_sha");
        if (repo == null && commit == null) {
            return "none recorded";
        }
        return shown(repo == null ? "(no repository)" : repo) + " @ " + shown(commit == null ? "(no commit)" : commit);
    }

    /** A provenance field: in the normalized metadata, or at the document's top level. */
    private static String field(Ticket ticket, String name) {
        JsonNode value = ticket.metadata().path(name);
        if (!value.isTextual()) {
            value = ticket.document().path(name);
        }
        return value.isTextual() ? value.asText() : null;
    }

    private void add(String line) {
        lines.add(line);
    }

    private void wrap(String text, String first, String rest) {
        wrap(text, first, rest, " ");
    }

    /**
     * Text on lines within the width, broken only where {@code breaks} matches: the first line after
     * {@code first}, the others after {@code rest}.
     */
    private void wrap(String text, String first, String rest, String breaks) {
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (String word : text.split(breaks)) {
            if (!empty && line.length() + 1 + word.length() > WIDTH) {
                add(line.toString());
                line = new StringBuilder(rest);
                empty = true;
            }
            if (!empty) {
                line.append(' ');
            }
            line.append(word);
            empty = false;
            while (line.length() > WIDTH) {
                // a word longer than a line: cut where the line ends, and go on after the indent
                int end = TerminalText.end(line, WIDTH);
                add(line.substring(0, end));
                line = new StringBuilder(rest).append(line.substring(end));
            }
        }
        add(line.toString());
    }

    private static String cut(String text, int width) {
        return TerminalText.cut(text, width);
    }

    private static String shown(String value) {
        return TerminalText.shown(value);
    }
}
