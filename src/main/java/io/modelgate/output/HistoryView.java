package io.modelgate.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelgate.catalog.HoldLog;
import io.modelgate.catalog.ModelHistory;
import io.modelgate.model.Assessment;
import io.modelgate.model.Json;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code history ID} for a person: the row, then every hold and every write of the id in one list,
 * oldest first, each opening with its time (UTC to the second) and what happened. A hold of an
 * inbox file after anything else of the id is a resubmission, shown with what its metadata changed;
 * a first registration shows its title and metrics. Lines are cut at 100 columns.
 */
public final class HistoryView {
    private static final int WIDTH = 100;
    private static final String DETAIL = "    ";

    /** One hold or one event, at its time. */
    private record Entry(OffsetDateTime at, HoldLog.Hold hold, ModelHistory.Event event) {
    }

    private final List<String> lines = new ArrayList<>();
    /** The artifact's title, shown with its first registration. */
    private final String title;

    private HistoryView(String title) {
        this.title = title;
    }

    /**
     * The lines of a history.
     *
     * @param waiting the inbox file whose hold waits for a reviewer now, or null
     */
    public static List<String> of(String id, ModelHistory.History history, String waiting) {
        HistoryView view = new HistoryView(history.title());
        view.row(id, history);
        if (waiting != null) {
            view.add("");
            view.add("waiting for a reviewer: the held inbox file " + shown(waiting));
            view.add("  see it with: modelgate review show " + id);
            view.add("  decide it with: modelgate review decide " + id + " --promote|--candidate|--reject ...");
        }
        view.entries(history);
        return view.lines.stream().map(line -> TerminalText.cut(line, WIDTH)).toList();
    }

    private void row(String id, ModelHistory.History history) {
        String title = history.title() != null ? history.title()
                : history.holds().isEmpty() ? null : history.holds().get(history.holds().size() - 1).title();
        add("model version " + id + (title == null ? "" : ": " + shown(title)));
        if (history.row() == null) {
            add("  (no model_versions row" + (history.holds().isEmpty() ? ")" : ": nothing of it is registered yet)"));
            return;
        }
        for (Map.Entry<String, Object> column : history.row().entrySet()) {
            if (column.getValue() != null && !column.getKey().equals("artifact_id")) {
                add(String.format("  %-24s %s", column.getKey(), shown(UtcTime.ofValue(column.getValue()))));
            }
        }
    }

    private void entries(ModelHistory.History history) {
        List<Entry> entries = new ArrayList<>();
        history.holds().forEach(hold -> entries.add(new Entry(hold.heldAt(), hold, null)));
        history.events().forEach(event -> entries.add(new Entry(event.at(), null, event)));
        entries.sort(Comparator.comparing(Entry::at));
        add("");
        add(history.events().size() + " event(s)" + (history.holds().isEmpty() ? "" : " and " + history.holds().size()
                + " hold(s)") + ", oldest first:");
        String metadataBefore = null;
        String state = null;
        boolean earlier = false;
        for (Entry entry : entries) {
            add("");
            if (entry.hold() != null) {
                hold(entry.hold(), earlier, state, metadataBefore);
                if (entry.hold().metadata() != null) {
                    metadataBefore = entry.hold().metadata();
                }
            } else {
                event(entry.event());
                metadataBefore = entry.event().metadataAfter();
                state = entry.event().toState();
            }
            earlier = true;
        }
    }

    private void hold(HoldLog.Hold hold, boolean earlier, String state, String metadataBefore) {
        boolean inbox = Assessment.SOURCE_INBOX.equals(hold.source());
        String what = !inbox ? "database row left as it was" + (state == null ? "" : " (" + state + ")")
                : "inbox file " + shown(hold.file()) + (state == null ? ", not registered" : ", the row stays " + state);
        add(UtcTime.of(hold.heldAt()) + "  " + String.format("%-11s", inbox && earlier ? "resubmitted" : "held") + "  "
                + what);
        detail("run", hold.runId());
        detail("reasons", String.join(", ", hold.reasonCodes()));
        if (!earlier) {
            detail("title", hold.title());
        } else if (hold.metadata() != null && metadataBefore != null) {
            changes(metadataBefore, hold.metadata(), "metadata: as before");
        }
    }

    private void event(ModelHistory.Event event) {
        add(UtcTime.of(event.at()) + "  " + String.format("%-11s", event.event()) + "  "
                + (event.fromState() == null ? "none" : event.fromState()) + " -> " + event.toState()
                + "  by " + shown(event.actor()));
        detail("run", event.runId());
        List<String> codes = new ArrayList<>();
        Json.parse(event.reasonsJson()).forEach(r -> codes.add(r.path("code").asText()));
        if (!codes.isEmpty()) {
            detail("reasons", String.join(", ", codes));
        }
        if (event.note() != null) {
            String[] note = event.note().split("\r\n|\r|\n", -1);
            add(DETAIL + "note: " + shown(note[0]));
            for (int i = 1; i < note.length; i++) {
                add(DETAIL + "      " + shown(note[i]));
            }
        }
        if (event.metadataBefore() == null && event.metadataAfter() != null) {
            // a first registration: what it is, in a line or two
            JsonNode after = Json.parse(event.metadataAfter());
            JsonNode metrics = after.path("evaluation_metrics");
            detail("title", title);
            detail("metrics", metrics.isObject() && !metrics.isEmpty() ? metrics(metrics) : "none");
            add(DETAIL + "metadata: new");
        } else {
            changes(event.metadataBefore(), event.metadataAfter(), "metadata: unchanged");
        }
    }

    private void changes(String before, String after, String none) {
        List<String> changes = JsonDiff.lines(before, after);
        if (changes.isEmpty()) {
            add(DETAIL + none);
        } else {
            add(DETAIL + "metadata:");
            changes.forEach(line -> add(DETAIL + "  " + shown(line)));
        }
    }

    private static String metrics(JsonNode metrics) {
        List<String> pairs = new ArrayList<>();
        metrics.properties().forEach(metric -> pairs.add(metric.getKey() + " " + Json.compact(metric.getValue())));
        return String.join(", ", pairs);
    }

    private void detail(String label, String value) {
        if (value != null && !value.isEmpty()) {
            add(DETAIL + label + ": " + shown(value));
        }
    }

    private void add(String line) {
        lines.add(line);
    }

    private static String shown(String value) {
        return TerminalText.shown(value);
    }
}
