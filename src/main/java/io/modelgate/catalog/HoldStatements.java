package io.modelgate.catalog;

/**
 * The SQL of the holds: the documents of held inbox files ({@code held_inbox_documents}, see
 * {@link HeldDocuments}) and the log of holds that register nothing ({@code review_holds}, see
 * {@link HoldLog}).
 */
final class HoldStatements {
    private HoldStatements() {
    }

    /** Keeps a held document, replacing the earlier hold of its id. */
    static final String KEEP_DOCUMENT = "INSERT INTO held_inbox_documents (artifact_id, document, file, run_id, reasons)"
            + " VALUES (?, ?::jsonb, ?, ?, ?::jsonb) ON CONFLICT (artifact_id) DO UPDATE SET document = EXCLUDED.document,"
            + " file = EXCLUDED.file, run_id = EXCLUDED.run_id, reasons = EXCLUDED.reasons, held_at = now()";

    /** The held document of an id. */
    static final String READ_DOCUMENT = "SELECT document::text FROM held_inbox_documents WHERE artifact_id = ?";

    /** The latest hold of an inbox file: its file, run, time and reasons. */
    static final String LATEST_HOLD = "SELECT file, run_id, held_at, reasons::text FROM held_inbox_documents"
            + " WHERE artifact_id = ?";

    /** Forgets the held documents of ids now registered. */
    static final String FORGET_DOCUMENTS = "DELETE FROM held_inbox_documents WHERE artifact_id = ANY(?)";

    /**
     * A hold, unless it says nothing new: the latest hold of the id came from the same source with
     * the same title, metadata and reasons, and nothing was written to its row since. A file read
     * again after a crash, or a backfill holding a protected row once more, adds nothing.
     */
    static final String APPEND_HOLD_IF_NEW = "INSERT INTO review_holds (artifact_id, run_id, source, file, reasons,"
            + " title, metadata) SELECT ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb"
            + " WHERE NOT EXISTS (SELECT 1 FROM (SELECT held_at, source, reasons, title, metadata FROM review_holds"
            + "   WHERE artifact_id = ? ORDER BY id DESC LIMIT 1) latest"
            + "   WHERE latest.source = ? AND latest.reasons = ?::jsonb AND latest.title IS NOT DISTINCT FROM ?"
            + "   AND latest.metadata IS NOT DISTINCT FROM ?::jsonb"
            + "   AND NOT EXISTS (SELECT 1 FROM model_version_events e WHERE e.artifact_id = ?"
            + "     AND e.created_at > latest.held_at))";

    /** Every hold of an id, oldest first. */
    static final String HOLDS_OF = "SELECT held_at, run_id, source, file, reasons::text, title, metadata::text"
            + " FROM review_holds WHERE artifact_id = ? ORDER BY id";
}
