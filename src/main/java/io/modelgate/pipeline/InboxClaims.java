package io.modelgate.pipeline;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;

/**
 * Claims on inbox files in PostgreSQL (table {@code camel_messageprocessed}), the file
 * consumer's idempotent read lock: instances sharing the inbox and the database read each file
 * once. A claim is one statement: the row is inserted, or taken over when its holder has not
 * refreshed it for {@code lockMaxAgeMillis} (a crashed instance), or else the file is someone
 * else's. PostgreSQL's {@code ON CONFLICT} makes that atomic, so two instances reaching a file
 * at the same moment cannot both win. Camel's own JDBC repository does the same in a
 * transaction of check-then-insert statements (six round trips, and racy between the check and
 * the insert), which cost more than the rest of a file's work. Claims held here are refreshed
 * every {@code lockKeepAliveIntervalMillis}; the database's clock is the only one used.
 */
public final class InboxClaims extends ServiceSupport implements IdempotentRepository {
    private static final Logger LOG = LoggerFactory.getLogger(InboxClaims.class);
    private static final String CLAIM = "INSERT INTO camel_messageprocessed (processorname, messageid, createdat, holder)"
            + " VALUES (?, ?, localtimestamp, ?)"
            + " ON CONFLICT (processorname, messageid) DO UPDATE SET createdat = localtimestamp, holder = EXCLUDED.holder"
            + " WHERE camel_messageprocessed.createdat < localtimestamp - ? * interval '1 millisecond'"
            // a claim whose holder's session is gone belongs to a crashed instance: taken over at once
            + " OR (camel_messageprocessed.holder IS NOT NULL AND camel_messageprocessed.holder <> EXCLUDED.holder"
            + "   AND NOT " + String.format(InstancePresence.ALIVE, "camel_messageprocessed.holder") + ")"
            + " RETURNING 1";
    private static final String LIVE = "SELECT count(*) FROM camel_messageprocessed c WHERE c.processorname = ?"
            + " AND c.messageid = ? AND c.createdat >= localtimestamp - ? * interval '1 millisecond'"
            + " AND (c.holder IS NULL OR " + String.format(InstancePresence.ALIVE, "c.holder") + ")";
    private static final String RELEASE = "DELETE FROM camel_messageprocessed WHERE processorname = ? AND messageid = ?";
    private static final String RELEASE_ALL = "DELETE FROM camel_messageprocessed WHERE processorname = ?";
    private static final String REFRESH = "UPDATE camel_messageprocessed SET createdat = localtimestamp"
            + " WHERE processorname = ? AND messageid = ANY(?)";
    /** Claims nobody will release: their holder is gone, or they were not refreshed in time. */
    private static final String FORGET_THE_DEAD = "DELETE FROM camel_messageprocessed c WHERE c.processorname = ?"
            + " AND (c.createdat < localtimestamp - ? * interval '1 millisecond'"
            + "   OR (c.holder IS NOT NULL AND NOT " + String.format(InstancePresence.ALIVE, "c.holder") + "))";

    private final JdbcTemplate jdbc;
    private final String processorName;
    private final InstancePresence presence;
    private final CamelContext camelContext;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private long lockMaxAgeMillis = 20_000;
    private long lockKeepAliveIntervalMillis = 5_000;
    private ScheduledExecutorService keepAlive;

    public InboxClaims(DataSource dataSource, String processorName, CamelContext camelContext, InstancePresence presence) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.processorName = processorName;
        this.presence = presence;
        this.camelContext = camelContext;
    }

    public void setLockMaxAgeMillis(long lockMaxAgeMillis) {
        this.lockMaxAgeMillis = lockMaxAgeMillis;
    }

    public void setLockKeepAliveIntervalMillis(long lockKeepAliveIntervalMillis) {
        this.lockKeepAliveIntervalMillis = lockKeepAliveIntervalMillis;
    }

    @Override
    public boolean add(String key) {
        ResultSetExtractor<Boolean> anyRow = ResultSet::next;
        Boolean claimed = jdbc.query(CLAIM, anyRow, processorName, key, presence.key(), lockMaxAgeMillis);
        if (Boolean.TRUE.equals(claimed)) {
            held.add(key);
            return true;
        }
        return false;
    }

    @Override
    public boolean contains(String key) {
        Integer live = jdbc.queryForObject(LIVE, Integer.class, processorName, key, lockMaxAgeMillis);
        return live != null && live > 0;
    }

    @Override
    public boolean remove(String key) {
        held.remove(key);
        return jdbc.update(RELEASE, processorName, key) > 0;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        held.clear();
        jdbc.update(RELEASE_ALL, processorName);
    }

    /**
     * Refreshes every claim held here, so no other instance takes it for a crashed one's; makes
     * sure this instance's presence is recorded; and deletes the claims of instances that are
     * gone, so the table does not grow with them.
     */
    void refresh() {
        presence.ensure();
        forgetTheDead();
        String[] keys = held.toArray(String[]::new);
        if (keys.length == 0) {
            return;
        }
        try {
            jdbc.update(connection -> {
                var statement = connection.prepareStatement(REFRESH);
                statement.setString(1, processorName);
                statement.setArray(2, connection.createArrayOf("text", keys));
                return statement;
            });
        } catch (RuntimeException e) {
            // the next refresh tries again; a claim expires only after lockMaxAgeMillis
            LOG.warn("refreshing {} inbox claims failed: {}", keys.length, e.getMessage());
        }
    }

    /** Deletes the claims nobody will release: those of instances that are gone, and expired ones. */
    private void forgetTheDead() {
        try {
            jdbc.update(FORGET_THE_DEAD, processorName, lockMaxAgeMillis);
        } catch (RuntimeException e) {
            LOG.warn("deleting the claims of instances that are gone failed: {}", e.getMessage());
        }
    }

    @Override
    protected void doStart() {
        if (lockMaxAgeMillis <= lockKeepAliveIntervalMillis) {
            throw new IllegalStateException("lockMaxAgeMillis must be longer than lockKeepAliveIntervalMillis");
        }
        presence.ensure();
        // a crashed run's claims on files it had already moved: nobody would release them
        forgetTheDead();
        keepAlive = camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "InboxClaims");
        keepAlive.scheduleWithFixedDelay(this::refresh, lockKeepAliveIntervalMillis, lockKeepAliveIntervalMillis,
                TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (keepAlive != null) {
            camelContext.getExecutorServiceManager().shutdownGraceful(keepAlive);
            keepAlive = null;
        }
    }
}
