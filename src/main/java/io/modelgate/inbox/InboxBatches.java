package io.modelgate.inbox;

import io.modelgate.model.Assessment;
import io.modelgate.run.UnsettledInputs;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * The step of the inbox where the files of a poll wait, each its own exchange, until a batch of
 * them has gathered ({@code modelgate.inbox.batch-size}, the poll's last file, or the end of the
 * poll); then the batch, its artifacts as one {@code List<Assessment>}, goes once through a route
 * (route {@code inbox-batch}: assessed, written in one transaction), and each file goes on. A
 * file still moves only after its artifact's transaction committed, and a crash before the
 * commit leaves every file of the batch in the inbox.
 *
 * <p>The file consumer hands its files over without waiting for each to finish (it moves a file
 * when its exchange completes), which is what lets them gather here. When a batch's work fails,
 * every file of it fails with that error, and the route's error handler retries each file alone
 * (a retried file goes on at once, in a batch of its own) until the database answers or the
 * file is left for the next run.
 */
public final class InboxBatches extends AsyncProcessorSupport {
    /** The header the inbox route sets once (routes/pipeline.camel.yaml): a poll's batch belongs to its run. */
    private static final String RUN_ID = "modelgateRunId";
    private final String batchRoute;
    private final UnsettledInputs unsettled;
    private final int batchSize;
    private final List<Waiting> waiting = new ArrayList<>();
    /** Sends each batch to its route; made from the first file's Camel context. */
    private ProducerTemplate producer;

    private record Waiting(Exchange exchange, AsyncCallback callback) {
    }

    /** @param batchRoute the endpoint each batch of gathered artifacts goes through, once */
    public InboxBatches(String batchRoute, UnsettledInputs unsettled, int batchSize) {
        this.batchRoute = batchRoute;
        this.unsettled = unsettled;
        this.batchSize = batchSize;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        List<Waiting> batch;
        synchronized (this) {
            if (producer == null) {
                producer = exchange.getContext().createProducerTemplate();
            }
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

    @Override
    protected void doStop() throws Exception {
        synchronized (this) {
            if (producer != null) {
                producer.stop();
                producer = null;
            }
        }
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
        Exception failure;
        try {
            // the database failed moments ago: the batch is left at once, no file waits through the retries again
            unsettled.ensureDatabaseReachable();
            Object runId = batch.get(0).exchange().getIn().getHeader(RUN_ID);
            failure = producer.send(batchRoute, exchange -> {
                exchange.getIn().setHeader(RUN_ID, runId);
                exchange.getIn().setBody(assessments);
            }).getException();
        } catch (RuntimeException e) {
            failure = e;
        }
        Exception batchFailure = failure;
        if (batchFailure != null) {
            batch.forEach(w -> w.exchange().setException(batchFailure));
        }
        // each file goes on (to its next step, or to the error handler) on this thread
        batch.forEach(w -> w.callback().done(false));
    }
}
