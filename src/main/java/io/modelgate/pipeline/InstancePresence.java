package io.modelgate.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's presence in PostgreSQL: a session-level advisory lock on a random key, held on
 * a connection of its own for as long as the process lives. Every instance sees the lock in
 * {@code pg_locks}; when the process dies, PostgreSQL ends its session and the lock goes with it,
 * so its claims on dropped files are known to be dead at once, on any host.
 */
public final class InstancePresence implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InstancePresence.class);
    /** SQL true while the instance holding {@code holderColumn}'s key is alive. */
    static final String ALIVE = "EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted"
            + " AND l.objsubid = 1 AND ((l.classid::int8 << 32) | l.objid::int8) = %s)";

    private final DataSource dataSource;
    /** Positive and below 2^62, so its two 32-bit halves read back as the same number. */
    private final long key = ThreadLocalRandom.current().nextLong(1, 1L << 62);
    private Connection connection;

    public InstancePresence(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long key() {
        return key;
    }

    /** Takes the lock if this process does not hold it (first use, or after its session was lost). */
    public synchronized void ensure() {
        try {
            if (connection != null && connection.isValid(2)) {
                return;
            }
            close();
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                statement.setLong(1, key);
                statement.execute();
            }
        } catch (SQLException e) {
            // claims made meanwhile still expire by age; the next refresh tries again
            LOG.warn("this instance's presence could not be recorded in PostgreSQL: {}", e.getMessage());
            close();
        }
    }

    /** Ends the presence: the lock is released (the connection goes back to its pool, and may live on). */
    @Override
    public synchronized void close() {
        if (connection != null) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                statement.setLong(1, key);
                statement.execute();
            } catch (SQLException e) {
                LOG.debug("releasing the presence lock: {}", e.getMessage());
            }
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing the presence connection: {}", e.getMessage());
            }
            connection = null;
        }
    }
}
