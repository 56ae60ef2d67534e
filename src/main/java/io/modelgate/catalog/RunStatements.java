package io.modelgate.catalog;

/** The SQL of the runs ({@code etl_runs}, see {@link RunLog}): their start, their end, and the scans' mark. */
final class RunStatements {
    private RunStatements() {
    }

    /** Records the start of a run (id, mode, host); returns the database's clock then. */
    static final String STARTED = "INSERT INTO etl_runs (id, mode, host) VALUES (?, ?, ?) RETURNING started_at";

    /** Marks the point a run's scan reads through: its start. */
    static final String SCAN_STARTED = "UPDATE etl_runs SET scanned_through = started_at WHERE id = ?"
            + " RETURNING scanned_through";

    /** The mark of the last successful scan. */
    static final String LAST_SCANNED_THROUGH = "SELECT max(scanned_through) FROM etl_runs WHERE status = 'succeeded'";

    /** Records how a run ended: status, counts, report, then the run's id. */
    static final String FINISHED = "UPDATE etl_runs SET status = ?, finished_at = now(), count_promote = ?,"
            + " count_candidate = ?, count_review = ?, count_failed = ?, count_unchanged = ?, report_path = ?"
            + " WHERE id = ? RETURNING finished_at";

    /** The latest runs, newest first, as many as the parameter says. */
    static final String LAST_RUNS = "SELECT id, mode, status, started_at, finished_at, count_promote, count_candidate,"
            + " count_review, count_failed, count_unchanged, report_path FROM etl_runs ORDER BY started_at DESC LIMIT ?";
}
