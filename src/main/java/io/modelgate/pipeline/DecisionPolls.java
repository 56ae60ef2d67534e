package io.modelgate.pipeline;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;

/** Tells {@code run --once} when a poll of the decision files is over (every file handled, or none found). */
public final class DecisionPolls implements PollingConsumerPollStrategy {
    private volatile CountDownLatch polled = new CountDownLatch(1);

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        polled.countDown();
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        polled.countDown();
        return false;
    }

    /** Waits for the next poll to be over; false if it did not end in time. */
    public boolean await(long timeoutMillis) throws InterruptedException {
        boolean done = polled.await(timeoutMillis, TimeUnit.MILLISECONDS);
        polled = new CountDownLatch(1);
        return done;
    }
}
