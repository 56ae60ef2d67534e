-- The platform's artifacts table as it stood before WS1 (papers, datasets, models).
-- On a database that already has this table, baseline Flyway at version 1 instead of
-- running this file (see docs/schema.md, "Adopting an existing database"); modelgate migrate does it by itself.
CREATE TABLE artifacts (
    id                TEXT PRIMARY KEY,
    artifact_type     TEXT NOT NULL,
    title             TEXT NOT NULL,
    metadata          JSONB NOT NULL,
    version_number    INTEGER NOT NULL DEFAULT 1,
    parent_version_id TEXT,
    version_tag       TEXT,
    changelog         TEXT,
    is_latest         BOOLEAN NOT NULL DEFAULT true,
    lifecycle_state   TEXT NOT NULL DEFAULT 'active',
    superseded_by     TEXT,
    origin_type       TEXT NOT NULL DEFAULT 'internal',
    origin_url        TEXT,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX idx_artifacts_type ON artifacts (artifact_type);
