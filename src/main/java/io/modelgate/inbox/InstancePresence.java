package io.modelgate.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's presence in PostgreSQL: a session-level advisory lock on a random key, held on
 * a connection of its own for as long as the process lives. Every instance sees the lock in
 * {@code pg_locks}; when the process dies, PostgreSQL ends its session and the lock goes with it,
 * so its claims on dropped files are known to be dead at once, on any host.
 *
 * <p>A restart of the server ends every session too, the live instances' included. Two rules
 * keep a live instance from being overtaken then: its claims are written only through the
 * session that holds its lock ({@link #onSession}), which takes the lock again first when the
 * session was lost; and a claim written before the server started ({@link InboxStatements#GONE})
 * is judged by its age alone, since its holder may simply not have reconnected yet.
 */
public final class InstancePresence implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InstancePresence.class);

    /** Work done on the session that holds the lock. */
    public interface SessionWork<T> {
        T run(Connection session) throws SQLException;
    }

    private final DataSource dataSource;
    /** Positive and below 2^62, so its two 32-bit halves read back as the same number. */
    private final long key = ThreadLocalRandom.current().nextLong(1, 1L << 62);
    /** Who uses the session now: a claim, the refresh, or the end of the presence. */
    private final ReentrantLock session = new ReentrantLock();
    private Connection connection;

    public InstancePresence(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long key() {
        return key;
    }

    /** Takes the lock if this process does not hold it (first use, or after its session was lost). */
    public void ensure() {
        if (!tryLock()) {
            // a claim is waiting for the database on the session: it takes the lock again itself
            return;
        }
        try {
            if (connection != null && !isValid(connection)) {
                release();
            }
            held();
        } catch (SQLException e) {
            // claims go through this session and wait for it; the next refresh tries again
            LOG.warn("this instance's presence could not be recorded in PostgreSQL: {}", e.getMessage());
        } finally {
            session.unlock();
        }
    }

    /**
     * Runs {@code work} on the session that holds this instance's lock, taking the lock first
     * where the session was lost: what it writes, every other instance can tell was written by
     * a live instance. A session that broke during the work is dropped; the next call opens another.
     */
    public <T> T onSession(SessionWork<T> work) throws SQLException {
        session.lock();
        try {
            return onHeldSession(work);
        } finally {
            session.unlock();
        }
    }

    /**
     * Like {@link #onSession}, unless another thread has been using the session for a moment
     * (a claim waiting for a database that went away): then nothing is done, and false returned.
     */
    public boolean onSessionIfFree(SessionWork<?> work) throws SQLException {
        if (!tryLock()) {
            return false;
        }
        try {
            onHeldSession(work);
            return true;
        } finally {
            session.unlock();
        }
    }

    private <T> T onHeldSession(SessionWork<T> work) throws SQLException {
        Connection held = held();
        try {
            return work.run(held);
        } catch (SQLException e) {
            if (!isValid(held)) {
                release();
            }
            throw e;
        }
    }

    private boolean tryLock() {
        try {
            return session.tryLock(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The session holding the lock; a lost one is found out by the work that fails on it. */
    private Connection held() throws SQLException {
        if (connection != null) {
            return connection;
        }
        Connection session = dataSource.getConnection();
        try {
            session.setAutoCommit(true);
            try (PreparedStatement statement = session.prepareStatement(InboxStatements.TAKE_PRESENCE)) {
                statement.setLong(1, key);
                statement.execute();
            }
        } catch (SQLException e) {
            session.close();
            throw e;
        }
        connection = session;
        return session;
    }

    private static boolean isValid(Connection session) {
        try {
            return session.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Ends the presence: the lock is released (the connection goes back to its pool, and may live on). */
    @Override
    public void close() {
        session.lock();
        try {
            release();
        } finally {
            session.unlock();
        }
    }

    private void release() {
        if (connection != null) {
            try (PreparedStatement statement = connection.prepareStatement(InboxStatements.END_PRESENCE)) {
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
