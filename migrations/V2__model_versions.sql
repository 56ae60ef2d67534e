-- WS1: one row per model artifact with its provenance, training and evaluation facts.
CREATE TABLE model_versions (
    artifact_id              TEXT PRIMARY KEY REFERENCES artifacts(id) ON DELETE CASCADE,
    is_external              BOOLEAN NOT NULL DEFAULT false,
    external_source_url      TEXT,
    external_source_version  TEXT,
    base_model_id            TEXT REFERENCES artifacts(id),
    code_repo_url            TEXT,
    code_commit_sha          TEXT,
    code_entrypoint          TEXT,
    training_started_at      TIMESTAMPTZ,
    training_completed_at    TIMESTAMPTZ,
    trained_by               TEXT,
    gpu_allocation_id        TEXT,
    training_params_json     JSONB,
    eval_metrics_json        JSONB,
    eval_dataset_artifact_id TEXT REFERENCES artifacts(id),
    benchmark_id             TEXT,
    promotion_state          TEXT NOT NULL DEFAULT 'candidate'
        CHECK (promotion_state IN ('candidate', 'promoted', 'rejected', 'superseded')),
    promotion_notes          TEXT,
    created_at               TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX idx_model_versions_base ON model_versions (base_model_id);
CREATE INDEX idx_model_versions_trained_by ON model_versions (trained_by);
CREATE INDEX idx_model_versions_promotion ON model_versions (promotion_state);
