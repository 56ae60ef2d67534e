package io.modelgate.scan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.scan.ScanQueries;
import io.modelgate.model.Assessment;
import io.modelgate.model.Json;
import io.modelgate.rules.EnvelopeReader;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** Turns a row of the scan into the same document an inbox file holds, then reads its envelope. */
public final class ArtifactRows {
    private final EnvelopeReader reader;
    private final int batchSize;

    public ArtifactRows(EnvelopeReader reader, int batchSize) {
        this.reader = reader;
        this.batchSize = batchSize;
    }

    /** The scan's streamed rows in lists of the batch size, read lazily: one batch in memory at a time. */
    public Iterator<List<Map<String, Object>>> batches(Iterator<Map<String, Object>> rows) {
        return new Batches(rows, batchSize);
    }

    /** The artifacts of one batch of rows, each created with the scan's run (its tickets and events name it). */
    public List<Assessment> toAssessments(String runId, List<Map<String, Object>> rows) {
        List<Assessment> assessments = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            assessments.add(toAssessment(runId, row));
        }
        return assessments;
    }

    /** A row read outside the scan (a reviewer's decision), in no run yet. */
    public Assessment toAssessment(Map<String, Object> row) {
        return toAssessment(null, row);
    }

    private Assessment toAssessment(String runId, Map<String, Object> row) {
        ObjectNode document = Json.object();
        String metadata = null;
        String rowVersion = null;
        for (Map.Entry<String, Object> column : row.entrySet()) {
            String key = column.getKey().toLowerCase(java.util.Locale.ROOT);
            Object value = column.getValue();
            if (key.startsWith(ScanQueries.BOOKKEEPING_PREFIX)) {
                // the scan's bookkeeping, not a part of the document
                if (key.equals(ScanQueries.ROW_VERSION) && value != null) {
                    rowVersion = value.toString();
                }
            } else if (value == null) {
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
        Assessment assessment = reader.fromDatabaseRow(runId, document, metadata);
        assessment.rowVersion(rowVersion);
        return assessment;
    }

    /** Groups an iterator; closing it closes the rows (and so the scan's connection). */
    private static final class Batches implements Iterator<List<Map<String, Object>>>, Closeable {
        private final Iterator<Map<String, Object>> rows;
        private final int size;

        Batches(Iterator<Map<String, Object>> rows, int size) {
            this.rows = rows;
            this.size = size;
        }

        @Override
        public boolean hasNext() {
            return rows.hasNext();
        }

        @Override
        public List<Map<String, Object>> next() {
            if (!rows.hasNext()) {
                throw new NoSuchElementException();
            }
            List<Map<String, Object>> batch = new ArrayList<>(size);
            while (batch.size() < size && rows.hasNext()) {
                batch.add(rows.next());
            }
            return batch;
        }

        @Override
        public void close() throws IOException {
            if (rows instanceof Closeable closeable) {
                closeable.close();
            }
        }
    }
}
