package io.modelgate.pipeline;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;

/**
 * Tells the run tracker when an inbox poll is over: the file consumer calls this after it has
 * handled every file of the poll (or found none, or failed to list), whichever file came last
 * and whether or not another instance held it.
 */
public final class InboxPolls implements PollingConsumerPollStrategy {
    private final RunTracker runs;

    public InboxPolls(RunTracker runs) {
        this.runs = runs;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        runs.inboxPollDone();
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        runs.inboxPollDone();
        return false;
    }
}
