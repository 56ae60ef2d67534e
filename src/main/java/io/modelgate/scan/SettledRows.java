package io.modelgate.scan;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import io.modelgate.scan.ScanQueries;
import io.modelgate.catalog.StoredState;
import io.modelgate.model.Assessment;
import io.modelgate.model.Change;
import io.modelgate.model.Channel;
import io.modelgate.model.FieldError;
import io.modelgate.model.Json;
import io.modelgate.model.PromotionState;
import io.modelgate.model.Reason;
import io.modelgate.output.ReportRow;
import io.modelgate.run.RunTracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.List;
import java.util.Map;

/**
 * Sorts the scan's streamed rows as they go by: a settled row (see {@link ScanQueries}) gets its
 * report row from what was recorded when it was last settled and is not assessed, written or
 * ticketed again; a row this run already settled from an inbox file is left out (one row per
 * artifact); the others go on through the pipeline in batches. Settled rows are reported on the
 * scan's own thread, in id order, whatever works on the batches.
 */
public final class SettledRows {
    private static final ObjectReader REASONS = Json.MAPPER.readerFor(new TypeReference<List<Reason>>() { });
    private static final ObjectReader ERRORS = Json.MAPPER.readerFor(new TypeReference<List<FieldError>>() { });

    private final RunTracker runs;
    private final ArtifactRows artifactRows;

    public SettledRows(RunTracker runs, ArtifactRows artifactRows) {
        this.runs = runs;
        this.artifactRows = artifactRows;
    }

    /** The rows to assess, in batches, read lazily; the settled ones are reported as they pass. */
    public Iterator<List<Map<String, Object>>> batchesToAssess(String runId, Iterator<Map<String, Object>> rows) {
        return artifactRows.batches(new ToAssess(runId, rows));
    }

    /** Reports a row when it is settled; true when it needs no further work. */
    private boolean settled(String runId, Map<String, Object> row) {
        if (runs.settledFromInbox(runId, String.valueOf(row.get("id")))) {
            return true;
        }
        if (!Boolean.TRUE.equals(row.get(ScanQueries.SETTLED))) {
            return false;
        }
        Channel channel = Channel.fromLabel((String) row.get(ScanQueries.SETTLED_CHANNEL));
        PromotionState stored = PromotionState.fromDb((String) row.get(ScanQueries.STORED_STATE));
        if (channel == Channel.FAILED || StoredState.differs(channel, stored)) {
            // listed in the report (a failed input), or reported otherwise than recorded
            runs.recordSettled(runId, reportRow(row, channel, stored));
        } else {
            // the common case, kept cheap: the recorded reasons and errors go into the summary as stored
            runs.recordUnchanged(runId, (String) row.get("id"), channel, stored == null ? null : stored.dbValue(),
                    String.valueOf(row.get(ScanQueries.SETTLED_REASONS)), String.valueOf(row.get(ScanQueries.SETTLED_ERRORS)));
        }
        return true;
    }

    /** The rows that need work, pulled one at a time; closing it closes the scan's rows. */
    private final class ToAssess implements Iterator<Map<String, Object>>, Closeable {
        private final String runId;
        private final Iterator<Map<String, Object>> rows;
        private Map<String, Object> next;

        ToAssess(String runId, Iterator<Map<String, Object>> rows) {
            this.runId = runId;
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            while (next == null && rows.hasNext()) {
                Map<String, Object> row = rows.next();
                if (!settled(runId, row)) {
                    next = row;
                }
            }
            return next != null;
        }

        @Override
        public Map<String, Object> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Map<String, Object> row = next;
            next = null;
            return row;
        }

        @Override
        public void close() throws IOException {
            if (rows instanceof Closeable closeable) {
                closeable.close();
            }
        }
    }

    /** The full report row of a settled row: a failed one, or one whose stored state is to be followed. */
    private static ReportRow reportRow(Map<String, Object> row, Channel recorded, PromotionState stored) {
        List<Reason> reasons = new ArrayList<>(read(REASONS, row.get(ScanQueries.SETTLED_REASONS)));
        StoredState reported = StoredState.reported(recorded, stored);
        if (reported.reason() != null) {
            reasons.add(reported.reason());
        }
        Channel channel = reported.channel();
        String state = stored == null ? null : stored.dbValue();
        // a failed row never needed a write; every other settled row is unchanged
        Change change = channel == Channel.FAILED ? Change.NONE : Change.UNCHANGED;
        return new ReportRow((String) row.get("id"), (String) row.get("title"), Assessment.SOURCE_DB, null,
                channel.label(), state, state, change.label(), null, reasons,
                read(ERRORS, row.get(ScanQueries.SETTLED_ERRORS)), null, List.of());
    }

    private static <T> List<T> read(ObjectReader reader, Object json) {
        if (json == null) {
            return List.of();
        }
        try {
            return reader.readValue(json.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("a recorded assessment cannot be read", e);
        }
    }
}
