package io.modelgate.run;

import io.modelgate.catalog.DataRefusedException;
import io.modelgate.db.DatabaseErrors;
import io.modelgate.db.DatabaseUnavailableException;
import io.modelgate.model.Text;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retries of the database steps that no route's error handler wraps: the claims the file
 * consumer takes before a file enters its route, and the pages the scan reads while its splitter
 * pulls them. They wait for the database as the routes' steps do (errors.camel.yaml): the same
 * number of retries ({@code modelgate.db.retries}) after the same growing delays
 * ({@code modelgate.db.retry-delay-millis}, doubled each time). Once a step failed through them,
 * the {@link DatabaseCircuit} opens and the steps of the next moments give up at once, so a run
 * with the database gone ends within one retry budget however many inputs it has.
 */
public final class DatabaseRetry {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRetry.class);

    /** How the retries wait; a test's clock need not sleep. */
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final int retries;
    private final long firstDelayMillis;
    private final DatabaseCircuit circuit;
    private final Runnable countRetry;
    private final Sleeper sleeper;

    /**
     * @param countRetry told of each retry (the daemon's {@code modelgate_database_retries_total})
     */
    public DatabaseRetry(int retries, long firstDelayMillis, DatabaseCircuit circuit, Runnable countRetry, Sleeper sleeper) {
        this.retries = retries;
        this.firstDelayMillis = firstDelayMillis;
        this.circuit = circuit;
        this.countRetry = countRetry;
        this.sleeper = sleeper;
    }

    public DatabaseRetry(int retries, long firstDelayMillis, DatabaseCircuit circuit, Runnable countRetry) {
        this(retries, firstDelayMillis, circuit, countRetry, Thread::sleep);
    }

    /**
     * Runs {@code step}, again after each database failure until the retries are spent. An error
     * that is not the database's (or is PostgreSQL refusing the data, which comes again on every
     * try) is raised at once.
     *
     * @param what the step in a few words, for the log ("claiming model-x.json")
     * @throws DatabaseAwayException while the database failed moments ago, without trying
     * @throws DatabaseUnavailableException when the step failed through every retry
     */
    public <T> T call(String what, Callable<T> step) {
        circuit.ensureClosed();
        long delay = firstDelayMillis;
        for (int attempt = 0; ; attempt++) {
            try {
                return step.call();
            } catch (Exception e) {
                Throwable databaseError = DatabaseErrors.cause(e);
                if (databaseError == null || e instanceof DataRefusedException || e instanceof DatabaseAwayException) {
                    throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                }
                String problem = Text.firstLine(databaseError.getMessage(), databaseError.getClass().getSimpleName());
                if (attempt >= retries) {
                    circuit.failed();
                    throw new DatabaseUnavailableException(what + " failed after " + retries + " retries: " + problem, e);
                }
                LOG.warn("{} failed (the database: {}); retry {} of {} in {} ms", what, problem, attempt + 1, retries, delay);
                countRetry.run();
                pause(delay, e);
                delay *= 2;
            }
        }
    }

    private void pause(long millis, Exception failure) {
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new DatabaseUnavailableException("stopped while waiting for the database", failure);
        }
    }
}
