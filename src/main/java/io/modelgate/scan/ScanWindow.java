package io.modelgate.scan;

import io.modelgate.catalog.RunLog;
import io.modelgate.run.RunTracker;
import java.time.Duration;
import java.time.OffsetDateTime;
import javax.sql.DataSource;

/**
 * Which artifacts a scan reads: all of them for a backfill, or those changed since the last
 * successful scan and up to the start of this run. The mark is the database's own clock when the
 * run began, kept in etl_runs, so every instance sharing the database agrees on it. Rows this
 * run itself writes (inbox files registered before the scan) fall after the mark: the next scan
 * sees them, unchanged, instead of this run counting them twice.
 *
 * <p>An incremental scan starts a little before the last mark ({@code modelgate.scan.overlap-seconds}):
 * a row whose writer's transaction began before that run started but committed after its scan
 * carries an updated_at before the mark, and would otherwise never be read. Rows read twice are
 * unchanged and cost no write.
 */
public final class ScanWindow {
    private static final OffsetDateTime BEGINNING = OffsetDateTime.parse("1970-01-01T00:00:00Z");
    private static final OffsetDateTime END = OffsetDateTime.parse("9999-12-31T23:59:59Z");

    private final RunLog log;
    private final DataSource dataSource;
    private final RunTracker runs;
    private final Duration overlap;

    /** The bounds of a scan's window on artifacts.updated_at: after {@code since}, up to {@code until}. */
    public record Bounds(OffsetDateTime since, OffsetDateTime until) {
    }

    public ScanWindow(RunLog log, DataSource dataSource, RunTracker runs, Duration overlap) {
        this.log = log;
        this.dataSource = dataSource;
        this.runs = runs;
        this.overlap = overlap;
    }

    /**
     * Opens the window of a run's scan: its lower bound, the run's mark recorded in etl_runs, its
     * upper bound, and the count of its rows told to the run (so the progress lines can say how
     * far along the scan is).
     */
    public Bounds open(String runId, Boolean fullScan) {
        OffsetDateTime since = since(fullScan);
        OffsetDateTime until = until(fullScan, mark(runId));
        expect(runId, since, until);
        return new Bounds(since, until);
    }

    /** The lower bound (exclusive) of artifacts.updated_at for this scan. */
    OffsetDateTime since(Boolean fullScan) {
        if (Boolean.TRUE.equals(fullScan)) {
            return BEGINNING;
        }
        OffsetDateTime mark = log.lastScannedThrough();
        return mark == null ? BEGINNING : mark.minus(overlap);
    }

    /**
     * Records the scan's mark in etl_runs: the database's clock when the run began, which becomes
     * the next incremental scan's lower bound. Returns it.
     */
    OffsetDateTime mark(String runId) {
        return log.scanStarted(runId);
    }

    /** The upper bound (inclusive): the run's mark, or no bound at all for a backfill. */
    OffsetDateTime until(Boolean fullScan, OffsetDateTime mark) {
        return Boolean.TRUE.equals(fullScan) ? END : mark;
    }

    /** Counts the rows the scan will read, so its progress lines can say how far along it is. */
    void expect(String runId, OffsetDateTime since, OffsetDateTime until) {
        runs.expect(runId, ScanQueries.count(dataSource, since, until));
    }
}
