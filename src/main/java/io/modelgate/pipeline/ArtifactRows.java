package io.modelgate.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.model.Assessment;
import io.modelgate.model.Json;
import io.modelgate.rules.EnvelopeReader;
import java.util.Map;

/** Turns a row of the scan into the same document an inbox file holds, then reads its envelope. */
public final class ArtifactRows {
    private final EnvelopeReader reader;

    public ArtifactRows(EnvelopeReader reader) {
        this.reader = reader;
    }

    public Assessment toAssessment(Map<String, Object> row) {
        ObjectNode document = Json.object();
        String metadata = null;
        for (Map.Entry<String, Object> column : row.entrySet()) {
            String key = column.getKey().toLowerCase(java.util.Locale.ROOT);
            Object value = column.getValue();
            if (value == null) {
                document.putNull(key);
            } else if (key.equals("metadata")) {
                metadata = value.toString();
            } else if (value instanceof Boolean flag) {
                document.put(key, flag);
            } else if (value instanceof Number number) {
                document.put(key, number.longValue());
            } else {
                document.put(key, value.toString());
            }
        }
        return reader.fromDatabaseRow(document, metadata);
    }
}
