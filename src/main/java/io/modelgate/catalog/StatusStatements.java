package io.modelgate.catalog;

/**
 * The SQL people read the catalog with: the counts and the candidates waiting for a person of
 * {@code modelgate status} ({@link CatalogStatus}), and an id's row, title and events of
 * {@code modelgate history} ({@link ModelHistory}).
 */
final class StatusStatements {
    private StatusStatements() {
    }

    /** How many model_versions rows are in each promotion_state. */
    static final String COUNTS_BY_STATE = "SELECT promotion_state, count(*) FROM model_versions GROUP BY promotion_state";

    /**
     * The candidates the pipeline registered that the evaluation gate held back or that have no
     * metrics, oldest first: id, title, family, since when, and the notes with the gate's codes.
     */
    static final String WAITING_FOR_A_PERSON = "SELECT mv.artifact_id, a.title, a.metadata->>'model_family',"
            + " coalesce(mv.updated_at, mv.created_at), mv.promotion_notes"
            + " FROM model_versions mv JOIN artifacts a ON a.id = mv.artifact_id"
            + " WHERE mv.promotion_state = 'candidate' AND mv.decided_by = 'pipeline'"
            + " AND (mv.promotion_notes LIKE '%G-EVAL-PENDING%' OR mv.promotion_notes LIKE '%G-NO-METRICS%')"
            + " AND mv.promotion_notes NOT LIKE 'held for review:%'"
            + " ORDER BY 4, 1";

    /** An id's model_versions row, as {@code history} shows it. */
    static final String HISTORY_ROW = "SELECT artifact_id, promotion_state, decided_by, promotion_notes, is_external,"
            + " external_source_url, external_source_version, base_model_id, code_repo_url, code_commit_sha,"
            + " code_entrypoint, trained_by, eval_dataset_artifact_id, benchmark_id, created_at, updated_at"
            + " FROM model_versions WHERE artifact_id = ?";

    /** Every event of an id's row, oldest first. */
    static final String HISTORY_EVENTS = "SELECT id, created_at, event, from_state, to_state, actor, run_id,"
            + " reasons::text, metadata_before::text, metadata_after::text, note"
            + " FROM model_version_events WHERE artifact_id = ? ORDER BY id";

    /** The title of an artifact. */
    static final String TITLE = "SELECT title FROM artifacts WHERE id = ?";
}
