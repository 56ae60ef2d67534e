package io.modelgate.inbox;

import io.modelgate.db.DatabaseErrors;
import io.modelgate.db.DatabaseException;
import io.modelgate.model.Text;
import io.modelgate.run.ClaimSkips;
import io.modelgate.run.DatabaseRetry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims on inbox files in PostgreSQL (table {@code camel_messageprocessed}), the file
 * consumer's idempotent read lock: instances sharing the inbox and the database read each file
 * once. A claim is one statement: the row is inserted, or taken over when its holder has not
 * refreshed it for {@code lockMaxAgeMillis} ({@code modelgate.inbox.claim-expiry-millis}: a
 * crashed instance), or else the file is someone else's. PostgreSQL's {@code ON CONFLICT} makes
 * that atomic, so two instances reaching a file at the same moment cannot both win. Camel's own
 * JDBC repository (camel-sql's) does the same in a transaction of check-then-insert statements
 * (six round trips, and racy between the check and the insert), which cost more than the rest
 * of a file's work. Claims held here are refreshed every {@code lockKeepAliveIntervalMillis}
 * ({@code modelgate.inbox.claim-refresh-millis}); the database's clock is the only one used.
 * Claims are written and refreshed through this instance's presence session (see
 * {@link InstancePresence}), and a claim the database fails is tried again through
 * {@link DatabaseRetry}, as the routes' steps are. A file this instance cannot claim is told to
 * {@link ClaimSkips} with its holder's state, because Camel's consumer skips it without a word.
 */
public final class InboxClaims extends ServiceSupport implements IdempotentRepository {
    private static final Logger LOG = LoggerFactory.getLogger(InboxClaims.class);
    /** How often a claim that vanished between the try and the look at its holder is tried again. */
    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;
    /** The claims wait for a database that went away as the routes' steps do. */
    private final DatabaseRetry retry;
    private final String processorName;
    private final InstancePresence presence;
    private final CamelContext camelContext;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    /** Other processes' claims already told (a daemon meets them at every poll), by file and claim time. */
    private final Set<String> told = ConcurrentHashMap.newKeySet();
    private final ClaimSkips skips;
    private long lockMaxAgeMillis = 20_000;
    private long lockKeepAliveIntervalMillis = 5_000;
    private ScheduledExecutorService keepAlive;

    public InboxClaims(DataSource dataSource, String processorName, CamelContext camelContext, InstancePresence presence,
                       ClaimSkips skips, DatabaseRetry retry) {
        this.dataSource = dataSource;
        this.retry = retry;
        this.skips = skips;
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

    /**
     * Claims the file, or tells {@link ClaimSkips} why not: another process holds it (alive or not), or
     * the database failed through its retries (or moments ago, and is not tried). A claim
     * released between the try and the look at its holder (its holder left the file where it
     * was) is tried again.
     */
    @Override
    public boolean add(String key) {
        try {
            return retry.call("claiming " + fileName(key), () -> claim(key));
        } catch (RuntimeException e) {
            // Camel's read lock would skip the file without a word.
            // PostgreSQL's own words, not the wrapper's (which repeats the statement)
            Throwable cause = Objects.requireNonNullElse(DatabaseErrors.cause(e), e);
            skips.notClaimed(key, Text.firstLine(cause.getMessage(), cause.getClass().getSimpleName()));
            return false;
        }
    }

    private boolean claim(String key) throws SQLException {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (claimed(key)) {
                held.add(key);
                return true;
            }
            ClaimHolder holder = holderOf(key);
            if (holder != null) {
                if (!Objects.equals(holder.key(), presence.key())) {
                    boolean toldBefore = !told.add(key + "@" + holder.since());
                    skips.claimedElsewhere(key, holder.held(), holder.alive(), toldBefore);
                    forgetToldClaimsWhenMany();
                }
                // else this instance works on the file already
                return false;
            }
        }
        skips.notClaimed(key, "its claim changed hands " + ATTEMPTS + " times while being tried");
        return false;
    }

    /** One try at the claim, through this instance's locked session: no claim is written without a live presence. */
    private boolean claimed(String key) throws SQLException {
        return presence.onSession(session -> {
            try (PreparedStatement statement = session.prepareStatement(InboxStatements.CLAIM)) {
                statement.setString(1, processorName);
                statement.setString(2, key);
                statement.setLong(3, presence.key());
                statement.setLong(4, lockMaxAgeMillis);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    private static String fileName(String key) {
        Path file = Path.of(key).getFileName();
        return file == null ? key : file.toString();
    }

    /** Who holds a claim, or null when nobody does (any more). */
    private ClaimHolder holderOf(String key) throws SQLException {
        return onPool(InboxStatements.HOLDER, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                long holder = rows.getLong("holder");
                return new ClaimHolder(rows.wasNull() ? null : holder, rows.getString("since"),
                        Duration.ofMillis(rows.getLong("held_millis")), rows.getBoolean("alive"));
            }
        }, processorName, key);
    }

    /**
     * The holder of a claim: its presence key (null for a claim made before V9), since when it
     * holds the claim (a later claim of the same file is told anew), for how long, and whether it lives.
     */
    private record ClaimHolder(Long key, String since, Duration held, boolean alive) {
    }

    /** Keeps the told claims bounded: forgetting them only tells some again. */
    private void forgetToldClaimsWhenMany() {
        if (told.size() > 10_000) {
            told.clear();
        }
    }

    @Override
    public boolean contains(String key) {
        return unchecked("looking at the claim of " + fileName(key), () -> onPool(InboxStatements.LIVE, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getLong(1) > 0;
            }
        }, processorName, key, lockMaxAgeMillis));
    }

    @Override
    public boolean remove(String key) {
        held.remove(key);
        return unchecked("releasing the claim of " + fileName(key),
                () -> onPool(InboxStatements.RELEASE, PreparedStatement::executeUpdate, processorName, key)) > 0;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        held.clear();
        unchecked("releasing every inbox claim",
                () -> onPool(InboxStatements.RELEASE_ALL, PreparedStatement::executeUpdate, processorName));
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
            // through the locked session, like the claims themselves; while a claim waits on it for
            // the database, this refresh is skipped (the claims expire only after lockMaxAgeMillis)
            presence.onSessionIfFree(session -> {
                try (PreparedStatement statement = session.prepareStatement(InboxStatements.REFRESH)) {
                    statement.setString(1, processorName);
                    statement.setArray(2, session.createArrayOf("text", keys));
                    return statement.executeUpdate();
                }
            });
        } catch (SQLException | RuntimeException e) {
            // the next refresh tries again; a claim expires only after lockMaxAgeMillis
            LOG.warn("refreshing {} inbox claims failed: {}", keys.length, e.getMessage());
        }
    }

    /** Deletes the claims nobody will release: those of instances that are gone, and expired ones. */
    private void forgetTheDead() {
        try {
            onPool(InboxStatements.FORGET_THE_DEAD, PreparedStatement::executeUpdate, processorName, lockMaxAgeMillis);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("deleting the claims of instances that are gone failed: {}", e.getMessage());
        }
    }

    /** Work done with one prepared statement. */
    private interface StatementWork<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    /** A call that fails with the database. */
    private interface DatabaseCall<T> {
        T call() throws SQLException;
    }

    /** One statement on a connection of the pool, its parameters bound in order. */
    private <T> T onPool(String sql, StatementWork<T> work, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return work.run(statement);
        }
    }

    /** What Camel's repository calls cannot throw: a database failure, with PostgreSQL's words. */
    private static <T> T unchecked(String what, DatabaseCall<T> work) {
        try {
            return work.call();
        } catch (SQLException e) {
            throw new DatabaseException(what + " failed: " + e.getMessage(), e);
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
