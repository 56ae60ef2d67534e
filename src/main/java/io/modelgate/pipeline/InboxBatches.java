package io.modelgate.pipeline;

import io.modelgate.model.Assessment;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * The inbox's write step: the files of a poll wait here, each its own exchange, until a batch of
 * them ({@code modelgate.inbox.batch-size}, the poll's last file, or the end of the poll) is
 * written by the catalog in one transaction; then each goes on to be settled and moved. So a file
 * still moves only after its artifact's transaction committed, and a crash before the commit
 * leaves every file of the batch in the inbox.
 *
 * <p>The file consumer hands its files over without waiting for each to finish (it moves a file
 * when its exchange completes), which is what lets them gather here. When a batch's write fails,
 * every file of it fails with that error, and the route's error handler retries each file alone
 * (a retried file is written at once, in a batch of its own) until the database answers or the
 * file is left for the next run.
 */
public final class InboxBatches extends AsyncProcessorSupport {
    private final CatalogWriter writer;
    private final RunTracker runs;
    private final int batchSize;
    private final List<Waiting> waiting = new ArrayList<>();

    private record Waiting(Exchange exchange, AsyncCallback callback) {
    }

    public InboxBatches(CatalogWriter writer, RunTracker runs, int batchSize) {
        this.writer = writer;
        this.runs = runs;
        this.batchSize = batchSize;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        List<Waiting> batch;
        synchronized (this) {
            waiting.add(new Waiting(exchange, callback));
            boolean lastOfPoll = exchange.getProperty(ExchangePropertyKey.BATCH_COMPLETE, false, Boolean.class);
            boolean retried = exchange.getIn().getHeader(Exchange.REDELIVERED, false, Boolean.class);
            if (waiting.size() < batchSize && !lastOfPoll && !retried) {
                return false;
            }
            batch = take();
        }
        write(batch);
        return false;
    }

    /** Writes the files still waiting (the end of a poll). */
    public void flush() {
        List<Waiting> batch;
        synchronized (this) {
            batch = take();
        }
        write(batch);
    }

    private List<Waiting> take() {
        List<Waiting> batch = List.copyOf(waiting);
        waiting.clear();
        return batch;
    }

    private void write(List<Waiting> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Assessment> assessments = new ArrayList<>(batch.size());
        batch.forEach(w -> assessments.add(w.exchange().getIn().getBody(Assessment.class)));
        try {
            // the database failed moments ago: no batch waits through the retries again
            runs.ensureDatabaseReachable();
            writer.writeBatch(assessments);
        } catch (RuntimeException e) {
            batch.forEach(w -> w.exchange().setException(e));
        }
        // each file goes on (settled and moved, or handled as failed) on this thread
        batch.forEach(w -> w.callback().done(false));
    }
}
