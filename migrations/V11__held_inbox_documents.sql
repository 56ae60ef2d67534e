-- An inbox file held for review registers nothing, but a reviewer must be able to decide it:
-- its document is kept here (as read: the original document, credentials removed) until the
-- pipeline registers the id from a later file, or a reviewer's decision registers it.
CREATE TABLE held_inbox_documents (
    artifact_id TEXT PRIMARY KEY,
    document    JSONB NOT NULL,
    file        TEXT,
    run_id      TEXT,
    reasons     JSONB NOT NULL DEFAULT '[]',
    held_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
