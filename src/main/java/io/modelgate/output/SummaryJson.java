package io.modelgate.output;

import com.fasterxml.jackson.core.JsonGenerator;
import io.modelgate.model.Channel;
import io.modelgate.model.FieldError;
import io.modelgate.model.Json;
import io.modelgate.model.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * The machine-readable summary of a run, streamed row by row: exactly the fields of contract
 * section 7 (the markdown report carries more: titles, old states, code pins, ticket paths).
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
            run.forEachRow(row -> writeRow(json, row));
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeRow(JsonGenerator json, ReportRow row) {
        try {
            json.writeStartObject();
            json.writeStringField("id", row.id());
            json.writeStringField("source", row.source());
            json.writeStringField("file", row.file());
            json.writeStringField("channel", row.channel());
            json.writeStringField("promotion_state", row.newState());
            json.writeStringField("change", row.change());
            json.writeArrayFieldStart("reasons");
            for (Reason reason : row.reasons()) {
                json.writeStartObject();
                json.writeStringField("code", reason.code());
                json.writeStringField("message", reason.message());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("errors");
            for (FieldError error : row.errors()) {
                json.writeStartObject();
                json.writeStringField("path", error.path());
                json.writeStringField("message", error.message());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
