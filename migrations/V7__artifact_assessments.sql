-- What the pipeline last concluded about each model artifact of the database, and from which
-- input. A scan assesses again only the rows whose input, rules fingerprint, referenced
-- artifacts or model_versions row differ from what is recorded here; the others are reported
-- from this record, so an unchanged scan costs one query instead of the whole pipeline.
CREATE TABLE artifact_assessments (
    artifact_id      TEXT PRIMARY KEY REFERENCES artifacts(id) ON DELETE CASCADE,
    -- modelgate_input_hash(fingerprint, row) of the row as it was settled
    input_hash       TEXT NOT NULL,
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

-- The hash of an artifacts row as the pipeline reads it, under a fingerprint of the rules
-- (schema, policy, input limits, rules revision): a new fingerprint makes every row new.
-- ROW(...)::text tells NULL from an empty string. Inlined by the planner (one SQL expression).
CREATE FUNCTION modelgate_input_hash(fingerprint TEXT, a artifacts) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT md5(fingerprint || ROW(a.id, a.artifact_type, a.title, a.metadata, a.version_number, a.parent_version_id,
        a.version_tag, a.changelog, a.is_latest, a.lifecycle_state, a.superseded_by, a.origin_type, a.origin_url)::text)
$$;
