-- One row per pipeline run: what it did, where its report is, and (for scans) the
-- high-water mark of artifacts.updated_at the next incremental scan starts from.
CREATE TABLE etl_runs (
    id               TEXT PRIMARY KEY,
    mode             TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'running'
        CHECK (status IN ('running', 'succeeded', 'failed')),
    started_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at      TIMESTAMPTZ,
    count_promote    INTEGER NOT NULL DEFAULT 0,
    count_candidate  INTEGER NOT NULL DEFAULT 0,
    count_review     INTEGER NOT NULL DEFAULT 0,
    count_failed     INTEGER NOT NULL DEFAULT 0,
    count_unchanged  INTEGER NOT NULL DEFAULT 0,
    scanned_through  TIMESTAMPTZ,
    report_path      TEXT,
    host             TEXT
);

CREATE INDEX idx_etl_runs_started ON etl_runs (started_at DESC);
