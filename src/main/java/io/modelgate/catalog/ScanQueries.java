package io.modelgate.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The scan's read: every model artifact whose {@code updated_at} falls in the window, in id order,
 * each marked settled or not. A row is settled when it is the same version of the row
 * ({@code xmin}: PostgreSQL gives a row a new one at every update), assessed under the same rules
 * fingerprint, the artifacts its assessment looked up are still found or missing as they were,
 * and its model_versions row is as it was, all as recorded in {@code artifact_assessments} when
 * it was last settled: it is reported from that record and not assessed again. PostgreSQL decides
 * this without reading the metadata, and an unchanged scan sends no metadata over the wire.
 *
 * <p>The rows are read a page at a time, keyset on id ({@code a.id > ?}): each page is a short
 * query of its own, so a database that goes away in the middle costs the page being read, not
 * the scan, and the scan goes on from the last id it read once the database is back. Memory
 * holds one page.
 *
 * <p>Columns named {@code scan_*} are the scan's bookkeeping; the others make the input document.
 */
public final class ScanQueries {
    public static final String ROW_VERSION = "scan_row_version";
    public static final String SETTLED = "scan_settled";
    public static final String SETTLED_CHANNEL = "scan_channel";
    public static final String SETTLED_REASONS = "scan_reasons";
    public static final String SETTLED_ERRORS = "scan_errors";
    public static final String STORED_STATE = "scan_promotion_state";
    public static final String BOOKKEEPING_PREFIX = "scan_";

    /** A page of the window's rows: parameters fingerprint, since, until, the last id read ('' at first), how many. */
    public static final String ROWS = "SELECT a.id, a.artifact_type, a.title,"
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
            + " a.xmin::text AS " + ROW_VERSION + ", k.settled AS " + SETTLED + ", s.channel AS " + SETTLED_CHANNEL + ","
            + " s.reasons::text AS " + SETTLED_REASONS + ", s.errors::text AS " + SETTLED_ERRORS + ","
            + " mv.promotion_state AS " + STORED_STATE
            + " FROM artifacts a"
            + " LEFT JOIN artifact_assessments s ON s.artifact_id = a.id"
            + " LEFT JOIN model_versions mv ON mv.artifact_id = a.id"
            // OFFSET 0 keeps the test a subquery of its own: evaluated once per row, not once per use
            + " CROSS JOIN LATERAL (SELECT s.row_version IS NOT DISTINCT FROM a.xmin"
            + "   AND s.fingerprint IS NOT DISTINCT FROM ?"
            + "   AND s.content_hash IS NOT DISTINCT FROM mv.content_hash"
            // every reference looked up then has the same answer now
            + "   AND (s.references_found = '{}' OR NOT EXISTS (SELECT 1 FROM jsonb_each_text(s.references_found) r"
            + "     WHERE r.value::boolean <> EXISTS (SELECT 1 FROM artifacts x WHERE x.id = r.key))) AS settled OFFSET 0) k"
            + " WHERE " + inWindow("?", "?") + " AND a.id > ?"
            + " ORDER BY a.id LIMIT ?";
    /** How many rows {@link #ROWS} reads, with the window's bounds as the two parameters. */
    public static final String COUNT = "SELECT count(*) FROM artifacts a WHERE " + inWindow("?", "?");

    private final String fingerprint;

    /** The scan's window: the model artifacts whose {@code updated_at} is in (since, until]. */
    private static String inWindow(String since, String until) {
        return "a.artifact_type = 'model' AND a.updated_at > " + since + " AND a.updated_at <= " + until;
    }

    public ScanQueries(String fingerprint) {
        this.fingerprint = fingerprint;
    }

    /** The fingerprint of the rules the rows are assessed under. */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * One page of the window's rows after {@code afterId} (the empty string before the first),
     * in id order, each as its columns by lower-case name. Read in a read-only transaction of its
     * own, without PostgreSQL's JIT compiler: a page is simple row work, and the planner's
     * estimate for a large table would turn JIT on at a cost greater than the page's.
     */
    public static List<Map<String, Object>> page(DataSource dataSource, String fingerprint, OffsetDateTime since,
                                                 OffsetDateTime until, String afterId, int size) throws SQLException {
        return Transactions.readOnly(dataSource, connection -> {
            try (Statement settings = connection.createStatement()) {
                settings.execute("SET LOCAL jit = off");
            }
            List<Map<String, Object>> rows = new ArrayList<>(size);
            try (PreparedStatement statement = connection.prepareStatement(ROWS)) {
                statement.setString(1, fingerprint);
                statement.setObject(2, since);
                statement.setObject(3, until);
                statement.setString(4, afterId);
                statement.setInt(5, size);
                try (ResultSet result = statement.executeQuery()) {
                    ResultSetMetaData columns = result.getMetaData();
                    int count = columns.getColumnCount();
                    while (result.next()) {
                        Map<String, Object> row = new LinkedHashMap<>(count * 2);
                        for (int c = 1; c <= count; c++) {
                            row.put(columns.getColumnLabel(c).toLowerCase(Locale.ROOT), result.getObject(c));
                        }
                        rows.add(row);
                    }
                }
            }
            return rows;
        });
    }
}
