package io.modelgate.catalog;

import io.modelgate.model.RunCounts;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import javax.sql.DataSource;

/** The etl_runs table: one row per run, and the high-water mark incremental scans start from. */
public final class RunLog {
    private final DataSource dataSource;

    public RunLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records the start of a run and returns the database's clock at that moment. */
    public OffsetDateTime started(String runId, String mode, String host) {
        return Rows.single(dataSource, "recording the start of run " + runId, OffsetDateTime.class,
                RunStatements.STARTED, runId, mode, host);
    }

    /** Marks the point a scan of this run reads through: the database clock when the run began. */
    public OffsetDateTime scanStarted(String runId) {
        return Rows.single(dataSource, "recording the scan of run " + runId, OffsetDateTime.class,
                RunStatements.SCAN_STARTED, runId);
    }

    /** Where the next incremental scan starts: the mark of the last successful scan, or null before the first. */
    public OffsetDateTime lastScannedThrough() {
        return Rows.single(dataSource, "reading the last scan", OffsetDateTime.class,
                RunStatements.LAST_SCANNED_THROUGH);
    }

    /** Records how a run ended, with its counts and where its report is. */
    public OffsetDateTime finished(String runId, RunCounts counts, Path report, boolean succeeded) {
        return Rows.single(dataSource, "recording the end of run " + runId, OffsetDateTime.class,
                RunStatements.FINISHED,
                succeeded ? "succeeded" : "failed", counts.promote(), counts.candidate(), counts.review(),
                counts.failed(), counts.unchanged(), report.toString(), runId);
    }
}
