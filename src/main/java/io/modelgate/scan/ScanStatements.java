package io.modelgate.scan;

import static io.modelgate.scan.ScanQueries.ROW_VERSION;
import static io.modelgate.scan.ScanQueries.SETTLED;
import static io.modelgate.scan.ScanQueries.SETTLED_CHANNEL;
import static io.modelgate.scan.ScanQueries.SETTLED_ERRORS;
import static io.modelgate.scan.ScanQueries.SETTLED_REASONS;
import static io.modelgate.scan.ScanQueries.STORED_STATE;

/**
 * The SQL of the scan: the window's rows and their count ({@link ScanQueries}), and the record
 * of what each scanned artifact came to ({@code artifact_assessments}, see {@link AssessmentMemo}).
 */
final class ScanStatements {
    private ScanStatements() {
    }

    /**
     * A page of the window's rows: parameters since, until, the last id read ('' at first), how
     * many, fingerprint. The page is chosen first, in a subquery of its own, and only its rows are
     * joined with their records: joined before the LIMIT, PostgreSQL may merge the whole of
     * artifact_assessments and model_versions from their first id for every page, since the
     * window's "id after the last one read" does not carry over to them. The LIMIT 1 of each
     * lookup (on a primary key) keeps it a lookup: PostgreSQL does not fold such a subquery
     * into a join that it could then plan as a scan of the whole table.
     */
    static final String ROWS = "SELECT a.id, a.artifact_type, a.title,"
            // a settled row's document is not needed: it is not read again
            + " CASE WHEN k.settled THEN NULL ELSE a.metadata::text END AS metadata,"
            + " CASE WHEN NOT k.settled THEN a.version_number END AS version_number,"
            + " CASE WHEN NOT k.settled THEN a.parent_version_id END AS parent_version_id,"
            + " CASE WHEN NOT k.settled THEN a.version_tag END AS version_tag,"
            + " CASE WHEN NOT k.settled THEN a.changelog END AS changelog,"
            + " CASE WHEN NOT k.settled THEN a.is_latest END AS is_latest,"
            + " CASE WHEN NOT k.settled THEN a.lifecycle_state END AS lifecycle_state,"
            + " CASE WHEN NOT k.settled THEN a.superseded_by END AS superseded_by,"
            + " CASE WHEN NOT k.settled THEN a.origin_type END AS origin_type,"
            + " CASE WHEN NOT k.settled THEN a.origin_url END AS origin_url,"
            + " a.row_version::text AS " + ROW_VERSION + ", k.settled AS " + SETTLED + ", s.channel AS " + SETTLED_CHANNEL + ","
            + " s.reasons::text AS " + SETTLED_REASONS + ", s.errors::text AS " + SETTLED_ERRORS + ","
            + " mv.promotion_state AS " + STORED_STATE
            + " FROM (SELECT a.id, a.artifact_type, a.title, a.metadata, a.version_number, a.parent_version_id,"
            + "   a.version_tag, a.changelog, a.is_latest, a.lifecycle_state, a.superseded_by, a.origin_type,"
            + "   a.origin_url, a.xmin AS row_version"
            + "   FROM artifacts a WHERE " + inWindow("?", "?") + " AND a.id > ? ORDER BY a.id LIMIT ?) a"
            // each row's record and model_versions row looked up by its key, whatever the page's size:
            // as plain joins, a page of 2,000 was planned as two hash joins over both whole tables
            + " LEFT JOIN LATERAL (SELECT s.row_version, s.fingerprint, s.content_hash, s.references_found, s.channel,"
            + "   s.reasons, s.errors FROM artifact_assessments s WHERE s.artifact_id = a.id LIMIT 1) s ON true"
            + " LEFT JOIN LATERAL (SELECT mv.content_hash, mv.promotion_state FROM model_versions mv"
            + "   WHERE mv.artifact_id = a.id LIMIT 1) mv ON true"
            // OFFSET 0 keeps the test a subquery of its own: evaluated once per row, not once per use
            + " CROSS JOIN LATERAL (SELECT s.row_version IS NOT DISTINCT FROM a.row_version"
            + "   AND s.fingerprint IS NOT DISTINCT FROM ?"
            + "   AND s.content_hash IS NOT DISTINCT FROM mv.content_hash"
            // every reference looked up then has the same answer now
            + "   AND (s.references_found = '{}' OR NOT EXISTS (SELECT 1 FROM jsonb_each_text(s.references_found) r"
            + "     WHERE r.value::boolean <> EXISTS (SELECT 1 FROM artifacts x WHERE x.id = r.key))) AS settled OFFSET 0) k"
            + " ORDER BY a.id";

    /** How many rows {@link #ROWS} reads, with the window's bounds as the two parameters. */
    static final String COUNT = "SELECT count(*) FROM artifacts a WHERE " + inWindow("?", "?");

    /** The scan's window: the model artifacts whose {@code updated_at} is in (since, until]. */
    private static String inWindow(String since, String until) {
        return "a.artifact_type = 'model' AND a.updated_at > " + since + " AND a.updated_at <= " + until;
    }

    /**
     * For one transaction: without PostgreSQL's JIT compiler, and with a plan made for each page's
     * own window (see {@link ScanQueries#page}).
     */
    static final String PAGE_SETTINGS = "SELECT set_config('jit', 'off', true),"
            + " set_config('plan_cache_mode', 'force_custom_plan', true)";

    /** What each scanned artifact came to once settled, replacing its earlier record. */
    static final String REMEMBER = "INSERT INTO artifact_assessments (artifact_id, row_version, fingerprint,"
            + " channel, reasons, errors, references_found, content_hash, run_id)"
            + " SELECT m.id, m.row_version::xid, ?, m.channel, m.reasons::jsonb, m.errors::jsonb, m.refs::jsonb,"
            + " mv.content_hash, m.run_id"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
            + "   AS m(id, row_version, channel, reasons, errors, refs, run_id)"
            // an artifact deleted in the meantime has nothing left to remember
            + " JOIN artifacts a ON a.id = m.id"
            + " LEFT JOIN model_versions mv ON mv.artifact_id = m.id"
            + " ON CONFLICT (artifact_id) DO UPDATE SET row_version = EXCLUDED.row_version,"
            + " fingerprint = EXCLUDED.fingerprint, channel = EXCLUDED.channel, reasons = EXCLUDED.reasons,"
            + " errors = EXCLUDED.errors, references_found = EXCLUDED.references_found,"
            + " content_hash = EXCLUDED.content_hash, run_id = EXCLUDED.run_id, assessed_at = now()";

    /** For one transaction, its commit without waiting for the flush to disk. */
    static final String WITHOUT_WAITING_FOR_DISK = "SET LOCAL synchronous_commit = off";
}
