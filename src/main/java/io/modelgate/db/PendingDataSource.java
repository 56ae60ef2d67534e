package io.modelgate.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connections of a database that is still being opened. A one-shot run starts Camel while
 * the database starts and migrates (on a fresh data directory that takes seconds), and a service
 * that asks for a connection during Camel's start (the inbox claims take the instance's presence
 * lock) waits here until the database is open, or fails with the reason it could not be opened.
 */
public final class PendingDataSource implements DataSource {
    private final CompletableFuture<DataSource> target = new CompletableFuture<>();

    /** The database is open: every waiting and later caller gets its connections. */
    public void open(DataSource dataSource) {
        target.complete(dataSource);
    }

    /**
     * The database could not be opened: every waiting and later caller fails. The opener tells
     * why; what waited only has to stop, so its failure carries no trace of its own.
     */
    public void failed() {
        target.completeExceptionally(new NotOpened());
    }

    /** What a caller gets when the database it waited for could not be opened. */
    public static final class NotOpened extends IllegalStateException {
        NotOpened() {
            super("the database could not be opened", null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** The open database's connections, once it is open. */
    private DataSource target() {
        try {
            return target.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return target().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return target().getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target().getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target().setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target().setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target().getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger(Logger.GLOBAL_LOGGER_NAME);
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : target().unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target().isWrapperFor(iface);
    }
}
