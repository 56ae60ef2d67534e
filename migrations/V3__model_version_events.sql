-- Append-only history: every write of a model_versions row adds exactly one event.
CREATE TABLE model_version_events (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    artifact_id     TEXT NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
    run_id          TEXT,
    event           TEXT NOT NULL,
    from_state      TEXT,
    to_state        TEXT NOT NULL,
    actor           TEXT NOT NULL,
    reasons         JSONB NOT NULL DEFAULT '[]'::jsonb,
    metadata_before JSONB,
    metadata_after  JSONB,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX idx_model_version_events_artifact ON model_version_events (artifact_id, id);
CREATE INDEX idx_model_version_events_run ON model_version_events (run_id);

-- History is never rewritten: updates are refused (deletes only cascade with the artifact).
CREATE FUNCTION model_version_events_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'model_version_events is append-only';
END
$$;

CREATE TRIGGER model_version_events_no_update
    BEFORE UPDATE ON model_version_events
    FOR EACH ROW EXECUTE FUNCTION model_version_events_append_only();
