package io.modelgate.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import io.modelgate.catalog.ScanQueries;
import io.modelgate.model.Assessment;
import io.modelgate.model.Change;
import io.modelgate.model.Channel;
import io.modelgate.model.FieldError;
import io.modelgate.model.Json;
import io.modelgate.model.PromotionState;
import io.modelgate.model.Reason;
import io.modelgate.output.ReportRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rows of a scan batch that are settled (see {@link ScanQueries}): each gets its report row
 * from what was recorded when it was last settled, and is not assessed, written or ticketed
 * again. The rest go on through the pipeline.
 */
public final class SettledRows {
    private static final ObjectReader REASONS = Json.MAPPER.readerFor(new TypeReference<List<Reason>>() { });
    private static final ObjectReader ERRORS = Json.MAPPER.readerFor(new TypeReference<List<FieldError>>() { });

    private final RunTracker runs;

    public SettledRows(RunTracker runs) {
        this.runs = runs;
    }

    /** Reports the settled rows of the batch and returns the others. */
    public List<Map<String, Object>> reportSettled(String runId, List<Map<String, Object>> rows) {
        List<Map<String, Object>> toAssess = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            if (!Boolean.TRUE.equals(row.get(ScanQueries.SETTLED))) {
                toAssess.add(row);
                continue;
            }
            Channel channel = Channel.fromLabel((String) row.get(ScanQueries.SETTLED_CHANNEL));
            PromotionState stored = PromotionState.fromDb((String) row.get(ScanQueries.STORED_STATE));
            if (channel == Channel.FAILED || StoredState.differs(channel, stored)) {
                // listed in the report (a failed input), or reported otherwise than recorded
                runs.recordSettled(runId, reportRow(row));
            } else {
                // the common case, kept cheap: the recorded reasons and errors go into the summary as stored
                runs.recordUnchanged(runId, (String) row.get("id"), channel, stored == null ? null : stored.dbValue(),
                        String.valueOf(row.get(ScanQueries.SETTLED_REASONS)), String.valueOf(row.get(ScanQueries.SETTLED_ERRORS)));
            }
        }
        return toAssess;
    }

    static ReportRow reportRow(Map<String, Object> row) {
        Channel channel = Channel.fromLabel((String) row.get(ScanQueries.SETTLED_CHANNEL));
        PromotionState stored = PromotionState.fromDb((String) row.get(ScanQueries.STORED_STATE));
        List<Reason> reasons = new ArrayList<>(read(REASONS, row.get(ScanQueries.SETTLED_REASONS)));
        if (StoredState.differs(channel, stored)) {
            StoredState followed = StoredState.of(stored);
            channel = followed.channel();
            if (followed.reason() != null) {
                reasons.add(followed.reason());
            }
        }
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
