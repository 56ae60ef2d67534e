-- Every hold that registers nothing, kept for history: an inbox file held for review (its
-- document is in held_inbox_documents until it is decided, but only the latest one), and a
-- database artifact whose row the pipeline would not change (R-PROTECTED). A hold that writes
-- the row "held for review" is already an event (held) in model_version_events. Append-only:
-- a second file of the same id is a resubmission, and both stay.
CREATE TABLE review_holds (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    artifact_id TEXT NOT NULL,
    held_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    run_id      TEXT,
    source      TEXT NOT NULL CHECK (source IN ('db', 'inbox')),
    file        TEXT,
    reasons     JSONB NOT NULL DEFAULT '[]',
    title       TEXT,
    metadata    JSONB
);

CREATE INDEX idx_review_holds_artifact ON review_holds (artifact_id, id);

CREATE FUNCTION review_holds_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'review_holds is append-only';
END
$$;

CREATE TRIGGER review_holds_no_update
    BEFORE UPDATE ON review_holds
    FOR EACH ROW EXECUTE FUNCTION review_holds_append_only();

-- The holds kept before this log: the latest hold of each inbox file still waiting for a reviewer.
INSERT INTO review_holds (artifact_id, held_at, run_id, source, file, reasons, title, metadata)
SELECT artifact_id, held_at, run_id, 'inbox', file, reasons, document ->> 'title', document -> 'metadata'
  FROM held_inbox_documents ORDER BY held_at, artifact_id;
