package io.modelgate.pipeline;

import java.util.List;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;

/**
 * Ends an inbox poll: the file consumer calls this after it has handed over every file of the
 * poll (or found none, or failed to list), whichever file came last and whether or not another
 * instance held it. Files still waiting in a gathering step go on first (to their look-up, then
 * their write), then the run tracker is told the poll is over.
 */
public final class InboxPolls implements PollingConsumerPollStrategy {
    private final RunTracker runs;
    /** The inbox's gathering steps, in route order: each one's files go on into the next. */
    private final List<InboxBatches> batches;

    public InboxPolls(RunTracker runs, List<InboxBatches> batches) {
        this.runs = runs;
        this.batches = batches;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        batches.forEach(InboxBatches::flush);
        runs.inboxPollDone();
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        batches.forEach(InboxBatches::flush);
        runs.inboxPollDone();
        return false;
    }
}
