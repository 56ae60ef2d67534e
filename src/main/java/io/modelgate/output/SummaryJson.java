package io.modelgate.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.modelgate.model.Channel;
import io.modelgate.model.LeftAsDecided;
import io.modelgate.model.RunCounts;
import io.modelgate.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine-readable summary of a run, streamed entry by entry: the fields of contract section
 * 7 (the markdown report carries more: titles, old states, code pins, ticket paths), and beside
 * them the artifacts left as decided ({@code counts.decided}, their entries' channel
 * {@code decided}) and the decision files the run read ({@code decisions}, with their counts).
 * Each artifact's entry is rendered when the artifact is added ({@link #line}), so finishing a
 * run over 100,000 artifacts only copies lines.
 */
final class SummaryJson {
    private final RunReport run;

    SummaryJson(RunReport run) {
        this.run = run;
    }

    void write(Path target) {
        try {
            AtomicFiles.write(target, writer -> writeSummary(writer));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the summary " + target, e);
        }
    }

    private void writeSummary(Writer writer) throws IOException {
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(writer)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("run_id", run.runId());
            json.writeStringField("mode", run.mode());
            json.writeStringField("started_at", run.startedAt().toString());
            json.writeStringField("finished_at", run.finishedAt().toString());
            json.writeObjectFieldStart("counts");
            RunCounts counts = run.counts();
            for (Channel channel : Channel.values()) {
                json.writeNumberField(channel.label(), counts.of(channel));
            }
            json.writeNumberField("unchanged", counts.unchanged());
            json.writeNumberField(LeftAsDecided.LABEL, counts.decided());
            List<DecisionRow> decisions = run.decisions();
            long applied = decisions.stream().filter(DecisionRow::applied).count();
            json.writeNumberField("decisions_applied", applied);
            json.writeNumberField("decisions_refused", decisions.size() - applied);
            json.writeEndObject();
            json.writeArrayFieldStart("decisions");
            for (DecisionRow decision : decisions) {
                decision(json, decision);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("artifacts");
            run.forEachSummaryLine(line -> {
                try {
                    json.writeRawValue(line);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /** One decision file: what it decided, by whom, and whether it was applied (the states) or refused (why). */
    private static void decision(JsonGenerator json, DecisionRow decision) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", decision.id());
        json.writeStringField("file", decision.file());
        json.writeStringField("decision", decision.decision());
        json.writeStringField("reviewer", decision.reviewer());
        json.writeStringField("outcome", decision.outcome());
        json.writeStringField("from_state", decision.fromState());
        json.writeStringField("to_state", decision.toState());
        json.writeStringField("note", decision.note());
        json.writeStringField("reason", decision.refusal());
        json.writeEndObject();
    }

    /**
     * One artifact's entry, exactly the fields of the contract, on one line; reasons and errors
     * come as JSON text (a list of {code, message}, a list of {path, message}).
     */
    static String line(String id, String source, String file, String channel, String promotionState, String change,
                       String reasonsJson, String errorsJson) {
        // built as text with Jackson's string quoting: a generator per line costs more than the line
        StringBuilder line = new StringBuilder(64 + reasonsJson.length() + errorsJson.length());
        line.append("{");
        field(line, "id", id).append(',');
        field(line, "source", source).append(',');
        field(line, "file", file).append(',');
        field(line, "channel", channel).append(',');
        field(line, "promotion_state", promotionState).append(',');
        field(line, "change", change).append(',');
        line.append("\"reasons\":").append(reasonsJson).append(",\"errors\":").append(errorsJson).append('}');
        return line.toString();
    }

    private static StringBuilder field(StringBuilder line, String name, String value) {
        line.append('"').append(name).append("\":");
        if (value == null) {
            return line.append("null");
        }
        line.append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, line);
        return line.append('"');
    }
}
