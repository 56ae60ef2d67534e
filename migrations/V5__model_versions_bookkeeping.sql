-- Bookkeeping the pipeline needs beyond the WS1 columns:
--   updated_at    when the row last changed;
--   content_hash  hash of everything the pipeline wrote, so unchanged input writes nothing;
--   decided_by    'pipeline' for the pipeline's own decisions, anything else (for example
--                 'reviewer:alice') marks a person's decision that the pipeline never overwrites.
ALTER TABLE model_versions
    ADD COLUMN updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD COLUMN content_hash TEXT,
    ADD COLUMN decided_by   TEXT NOT NULL DEFAULT 'pipeline';

-- Incremental scans read model artifacts changed since the last scan.
CREATE INDEX idx_artifacts_model_updated ON artifacts (updated_at, id) WHERE artifact_type = 'model';
