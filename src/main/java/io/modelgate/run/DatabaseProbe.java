package io.modelgate.run;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * Whether the database answers now, within a bound: the pool waits up to its connection timeout
 * (30 s) for a connection to a server that is gone, which is too long for a health check or for
 * a run that only wants to record its end. The probe asks on a thread of its own and waits for
 * the answer no longer than it is told; a probe still waiting from before is waited on again
 * instead of starting another, so probes do not pile up while the database is away.
 */
public final class DatabaseProbe implements AutoCloseable {
    private final DataSource dataSource;
    private final ExecutorService asker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "modelgate-database-probe");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<Boolean> pending;

    public DatabaseProbe(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True when a connection could be had and checked within {@code within}. */
    public boolean answers(Duration within) {
        CompletableFuture<Boolean> probe;
        synchronized (this) {
            if (pending == null || pending.isDone()) {
                pending = CompletableFuture.supplyAsync(this::ask, asker);
            }
            probe = pending;
        }
        try {
            return probe.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean ask() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        asker.shutdownNow();
    }
}
