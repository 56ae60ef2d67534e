-- What the pipeline last concluded about each model artifact of the database, and from which
-- version of its row. A scan assesses again only the rows whose row version, rules
-- fingerprint, referenced artifacts or model_versions row differ from what is recorded here;
-- the others are reported from this record, so an unchanged scan costs one query instead of
-- the whole pipeline.
CREATE TABLE artifact_assessments (
    artifact_id      TEXT PRIMARY KEY REFERENCES artifacts(id) ON DELETE CASCADE,
    -- the artifacts row's version (its xmin: every update of the row gives it a new one)
    row_version      XID NOT NULL,
    -- the rules it was assessed under: metadata schema, policy, input limits, version
    fingerprint      TEXT NOT NULL,
    channel          TEXT NOT NULL CHECK (channel IN ('promote', 'candidate', 'review', 'failed')),
    reasons          JSONB NOT NULL DEFAULT '[]',
    errors           JSONB NOT NULL DEFAULT '[]',
    -- the artifact ids the reference check looked up, each with whether it was found
    references_found JSONB NOT NULL DEFAULT '{}',
    -- model_versions.content_hash when it was settled (null: no row)
    content_hash     TEXT,
    run_id           TEXT,
    assessed_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
