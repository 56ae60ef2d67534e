package io.modelgate.output;

import com.fasterxml.jackson.core.JsonGenerator;
import io.modelgate.model.Channel;
import io.modelgate.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;

/**
 * The machine-readable summary of a run, streamed entry by entry: exactly the fields of contract
 * section 7 (the markdown report carries more: titles, old states, code pins, ticket paths).
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
            for (Channel channel : Channel.values()) {
                json.writeNumberField(channel.label(), run.count(channel));
            }
            json.writeNumberField("unchanged", run.unchanged());
            json.writeEndObject();
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

    /**
     * One artifact's entry, exactly the fields of the contract, on one line; reasons and errors
     * come as JSON text (a list of {code, message}, a list of {path, message}).
     */
    static String line(String id, String source, String file, String channel, String promotionState, String change,
                       String reasonsJson, String errorsJson) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("id", id);
            json.writeStringField("source", source);
            json.writeStringField("file", file);
            json.writeStringField("channel", channel);
            json.writeStringField("promotion_state", promotionState);
            json.writeStringField("change", change);
            json.writeFieldName("reasons");
            json.writeRawValue(reasonsJson);
            json.writeFieldName("errors");
            json.writeRawValue(errorsJson);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
