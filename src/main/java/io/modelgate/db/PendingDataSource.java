package io.modelgate.db;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The connections of a database that is still being opened. A one-shot run starts Camel while
 * the database starts and migrates (on a fresh data directory that takes seconds), and a service
 * that asks for a connection during Camel's start (the inbox claims take the instance's presence
 * lock) waits here until the database is open, or fails with the reason it could not be opened.
 */
public final class PendingDataSource extends DelegatingDataSource {
    private final CompletableFuture<DataSource> target = new CompletableFuture<>();

    /** The database is open: every waiting and later caller gets its connections. */
    public void open(DataSource dataSource) {
        setTargetDataSource(dataSource);
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

    @Override
    protected DataSource obtainTargetDataSource() {
        try {
            return target.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
