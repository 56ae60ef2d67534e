package io.modelgate.catalog;

/**
 * The SQL of the lineages: the pipeline's and a reviewer's promotion check ({@link Lineages}),
 * {@code history --lineage ID --as-of TIME} ({@link LineageAsOf}), {@code versions}
 * ({@link VersionListing}) and {@code review show} ({@link ReviewContext}).
 */
final class LineageStatements {
    private LineageStatements() {
    }

    /**
     * Each (id, parent) pair with its older versions, through V12's model_lineage_ancestors: the
     * stored parent where the row exists.
     */
    static final String ANCESTORS = "SELECT x.id, model_lineage_ancestors(x.id,"
            + " CASE WHEN a.id IS NULL THEN x.parent ELSE a.parent_version_id END)"
            + " FROM unnest(?::text[], ?::text[]) AS x(id, parent) LEFT JOIN artifacts a ON a.id = x.id";

    /** The promoted version of each lineage key given, with who decided it and its metadata. */
    static final String PROMOTED_IN = "SELECT mv.lineage_id, mv.artifact_id, mv.decided_by, a.metadata::text"
            + " FROM model_versions mv JOIN artifacts a ON a.id = mv.artifact_id"
            + " WHERE mv.lineage_id = ANY(?) AND mv.promotion_state = 'promoted'";

    /** An advisory lock on each lineage key, in key order, for the rest of the transaction. */
    static final String LOCK = "SELECT count(pg_advisory_xact_lock(hashtextextended('lineage ' || id, 7)))"
            + " FROM (SELECT DISTINCT unnest(?::text[]) AS id ORDER BY 1) AS ids";

    /** An older promoted version made superseded: notes, decided_by, id. */
    static final String SUPERSEDE = "UPDATE model_versions SET promotion_state = 'superseded',"
            + " promotion_notes = ?, decided_by = ?, updated_at = now() WHERE artifact_id = ?";

    /** The lineage key of an id: its own row's, or the id itself when it is a key. */
    static final String LINEAGE_OF = "SELECT COALESCE((SELECT lineage_id FROM model_versions WHERE artifact_id = ?),"
            + " (SELECT lineage_id FROM model_versions WHERE lineage_id = ? LIMIT 1))";

    /** The events of a lineage's versions up to a time, in order. */
    static final String EVENTS_UP_TO = "SELECT e.artifact_id, e.to_state, e.actor, e.created_at"
            + " FROM model_version_events e JOIN model_versions mv ON mv.artifact_id = e.artifact_id"
            + " WHERE mv.lineage_id = ? AND e.created_at <= ? ORDER BY e.created_at, e.id";

    /**
     * The versions `modelgate versions` lists, each filter null for all: a lineage walked both
     * ways over parent_version_id and superseded_by.
     */
    static final String VERSIONS = """
            WITH RECURSIVE links (a, b) AS (
                SELECT id, parent_version_id FROM artifacts WHERE parent_version_id IS NOT NULL
                UNION ALL SELECT id, superseded_by FROM artifacts WHERE superseded_by IS NOT NULL
            ), edges (a, b) AS (
                SELECT a, b FROM links UNION SELECT b, a FROM links
            ), lineage (id) AS (
                SELECT CAST(? AS TEXT) WHERE CAST(? AS TEXT) IS NOT NULL
                UNION SELECT edges.b FROM edges JOIN lineage ON edges.a = lineage.id
            )
            SELECT mv.artifact_id, mv.promotion_state, a.metadata->>'model_family',
                   coalesce(a.version_tag, CAST(a.version_number AS TEXT)), mv.decided_by,
                   coalesce(mv.updated_at, mv.created_at), a.title
              FROM model_versions mv JOIN artifacts a ON a.id = mv.artifact_id
             WHERE (CAST(? AS TEXT) IS NULL OR mv.promotion_state = ?)
               AND (CAST(? AS TEXT) IS NULL
                    OR strpos(lower(coalesce(a.metadata->>'model_family', '')), lower(?)) > 0)
               AND (CAST(? AS TEXT) IS NULL OR mv.artifact_id IN (SELECT id FROM lineage))
             ORDER BY lower(a.metadata->>'model_family') NULLS LAST, 6, 1
            """;

    /** An artifact's title, metadata, state and who decided it, for `review show`. */
    static final String STORED_FOR_REVIEW = "SELECT a.title, a.metadata::text, mv.promotion_state, mv.decided_by"
            + " FROM artifacts a LEFT JOIN model_versions mv ON mv.artifact_id = a.id WHERE a.id = ?";

    /**
     * The promoted version, other than the id itself, of the lineage of the ids given, walked both
     * ways over parent_version_id and superseded_by.
     */
    static final String PROMOTED_IN_LINEAGE = "WITH RECURSIVE lineage(id) AS ("
            + " SELECT unnest(?::text[])"
            + " UNION"
            + " SELECT linked.id FROM lineage l CROSS JOIN LATERAL ("
            + "   SELECT a.id FROM artifacts a WHERE a.parent_version_id = l.id OR a.superseded_by = l.id"
            + "   UNION ALL SELECT a.parent_version_id FROM artifacts a WHERE a.id = l.id AND a.parent_version_id IS NOT NULL"
            + "   UNION ALL SELECT a.superseded_by FROM artifacts a WHERE a.id = l.id AND a.superseded_by IS NOT NULL"
            + " ) linked)"
            + " SELECT a.id, a.title, a.metadata::text, mv.promotion_state FROM lineage l"
            + " JOIN artifacts a ON a.id = l.id JOIN model_versions mv ON mv.artifact_id = a.id"
            + " WHERE mv.promotion_state = 'promoted' AND a.id <> ?"
            + " ORDER BY mv.updated_at DESC NULLS LAST, a.id LIMIT 1";

    /** An artifact's promotion state, null when it has no row. */
    static final String STATE_OF = "SELECT mv.promotion_state FROM artifacts a"
            + " LEFT JOIN model_versions mv ON mv.artifact_id = a.id WHERE a.id = ?";
}
