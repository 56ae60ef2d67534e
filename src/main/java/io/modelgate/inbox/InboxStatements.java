package io.modelgate.inbox;

/**
 * The SQL of the inbox's claims ({@code camel_messageprocessed}, see {@link InboxClaims}) and of
 * each instance's presence (a session-level advisory lock, see {@link InstancePresence}). A
 * claim's {@code holder} is the presence key of the instance that wrote it, and
 * {@code createdat} its last refresh; {@code localtimestamp} is the database's clock, the only
 * one used.
 */
final class InboxStatements {
    private InboxStatements() {
    }

    /** SQL true while the instance whose presence key is in the column named at {@code %s} is alive. */
    static final String ALIVE = "EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted"
            + " AND l.objsubid = 1 AND ((l.classid::int8 << 32) | l.objid::int8) = %s)";

    /**
     * SQL true when the holder of a claim (its key in the first column, the claim's last write in
     * the second) is known to be gone: its lock is missing although it wrote the claim through
     * its locked session after the server started, so that session ended with the process.
     */
    static final String GONE = "(%1$s IS NOT NULL AND %2$s > pg_postmaster_start_time()::timestamp AND NOT "
            + String.format(ALIVE, "%1$s") + ")";

    /** Takes this instance's presence lock on its session (the key the parameter). */
    static final String TAKE_PRESENCE = "SELECT pg_advisory_lock(?)";

    /** Releases this instance's presence lock. */
    static final String END_PRESENCE = "SELECT pg_advisory_unlock(?)";

    /**
     * A claim: the row is inserted, or taken over when its holder has not refreshed it for the
     * expiry (a crashed instance) or is known to be gone; one row back when this instance holds
     * it now. Parameters: processor, file, this instance's key, the expiry in milliseconds.
     */
    static final String CLAIM = "INSERT INTO camel_messageprocessed (processorname, messageid, createdat, holder, claimed_at)"
            + " VALUES (?, ?, localtimestamp, ?, localtimestamp)"
            + " ON CONFLICT (processorname, messageid) DO UPDATE"
            + " SET createdat = localtimestamp, holder = EXCLUDED.holder, claimed_at = localtimestamp"
            + " WHERE camel_messageprocessed.createdat < localtimestamp - ? * interval '1 millisecond'"
            // a claim whose holder is known to be gone belongs to a crashed instance: taken over at once
            + " OR (camel_messageprocessed.holder <> EXCLUDED.holder AND " + gone("camel_messageprocessed") + ")"
            + " RETURNING 1";

    /** Whether a file's claim is held by a live instance. Parameters: processor, file, the expiry in milliseconds. */
    static final String LIVE = "SELECT count(*) FROM camel_messageprocessed c WHERE c.processorname = ?"
            + " AND c.messageid = ? AND c.createdat >= localtimestamp - ? * interval '1 millisecond'"
            + " AND NOT " + gone("c");

    /** Who holds a claim this instance could not take, for how long, and whether that holder is alive. */
    static final String HOLDER = "SELECT c.holder, coalesce(c.claimed_at, c.createdat)::text AS since,"
            + " (extract(epoch FROM localtimestamp - coalesce(c.claimed_at, c.createdat)) * 1000)::bigint AS held_millis,"
            + " (c.holder IS NOT NULL AND " + String.format(ALIVE, "c.holder") + ") AS alive"
            + " FROM camel_messageprocessed c WHERE c.processorname = ? AND c.messageid = ?";

    /** Releases a file's claim. */
    static final String RELEASE = "DELETE FROM camel_messageprocessed WHERE processorname = ? AND messageid = ?";

    /** Releases every claim of the processor. */
    static final String RELEASE_ALL = "DELETE FROM camel_messageprocessed WHERE processorname = ?";

    /** Refreshes the claims of these files (a text array), so no other instance takes them for a crashed one's. */
    static final String REFRESH = "UPDATE camel_messageprocessed SET createdat = localtimestamp"
            + " WHERE processorname = ? AND messageid = ANY(?)";

    /** Claims nobody will release: their holder is gone, or they were not refreshed in time. */
    static final String FORGET_THE_DEAD = "DELETE FROM camel_messageprocessed c WHERE c.processorname = ?"
            + " AND (c.createdat < localtimestamp - ? * interval '1 millisecond'"
            + "   OR " + gone("c") + ")";

    /** Whether the holder of a claim in {@code table} is known to be gone (see {@link #GONE}). */
    private static String gone(String table) {
        return String.format(GONE, table + ".holder", table + ".createdat");
    }
}
