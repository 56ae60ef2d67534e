package io.modelgate.pipeline;

import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;

/**
 * Claims on inbox files in PostgreSQL: Camel's orphan-lock-aware JDBC repository, with one
 * thing added. Camel checks for a live claim and then inserts or takes over in two statements;
 * two instances can both pass the check for the same file and both "win". Here the check and
 * the insert run under a transaction-scoped advisory lock on the file's key, so the second
 * instance waits, then sees the first one's claim and skips the file.
 */
public final class InboxClaims extends JdbcOrphanLockAwareIdempotentRepository {
    private static final String LOCK_KEY = "SELECT pg_advisory_xact_lock(hashtextextended(?, 11)) IS NULL";

    public InboxClaims(DataSource dataSource, String processorName, CamelContext camelContext) {
        super(dataSource, processorName, camelContext);
    }

    @Override
    protected int queryForInt(String key) {
        // add() runs the check and the insert in one transaction; the lock lasts until it ends
        jdbcTemplate.queryForObject(LOCK_KEY, Boolean.class, processorName + "\n" + key);
        return super.queryForInt(key);
    }
}
