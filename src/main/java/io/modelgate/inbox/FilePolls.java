package io.modelgate.inbox;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;

/**
 * Ends a poll of a file route (the inbox, the decision files): the file consumer calls this
 * after it has handed over every file of the poll (or found none, or failed to list), whichever
 * file came last and whether or not another instance held it. What the end of a poll needs is
 * done first (for the inbox: the files still waiting in a gathering step go on, and the poll's
 * run ends), then {@code run --once}, waiting for the poll, is told.
 */
public final class FilePolls implements PollingConsumerPollStrategy {
    private final Runnable atBegin;
    private final Runnable atEnd;
    private final BooleanSupplier skip;
    private volatile CountDownLatch polled = new CountDownLatch(1);

    /**
     * @param atBegin what is done as each poll begins (the entries it will not read are told)
     * @param atEnd what is done at the end of each poll, before anyone waiting is told
     * @param skip  whether to leave a poll out altogether (the daemon, while the database is away:
     *              every file would be left at once, and logged, at every poll)
     */
    public FilePolls(Runnable atBegin, Runnable atEnd, BooleanSupplier skip) {
        this.atBegin = atBegin;
        this.atEnd = atEnd;
        this.skip = skip;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        if (skip.getAsBoolean()) {
            return false;
        }
        atBegin.run();
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        ended();
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        ended();
        return false;
    }

    private void ended() {
        try {
            atEnd.run();
        } finally {
            polled.countDown();
        }
    }

    /** Waits for the next poll to be over; false if it did not end in time. */
    public boolean await(long timeoutMillis) throws InterruptedException {
        boolean done = polled.await(timeoutMillis, TimeUnit.MILLISECONDS);
        polled = new CountDownLatch(1);
        return done;
    }
}
