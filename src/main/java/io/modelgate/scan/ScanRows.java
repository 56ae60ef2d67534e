package io.modelgate.scan;

import io.modelgate.scan.ScanQueries;
import io.modelgate.db.DatabaseErrors;
import io.modelgate.model.Text;
import io.modelgate.run.DatabaseRetry;
import io.modelgate.run.RunTracker;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.io.Closeable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * The scan's rows, read a page at a time in id order ({@link ScanQueries#page}), each page read
 * through the database's retries: a restart in the middle of a scan costs the page being read,
 * and the scan goes on after the last id it read. When the database stays away past the retries,
 * the rows end there and the run is told the scan broke off ({@link RunTracker#scanBroken}): it
 * ends failed, counts the rows it did not settle, and does not move the scan's mark, so the next
 * scan reads them.
 *
 * <p>The next page is read while the rows of the last one are worked on, so PostgreSQL's part of
 * a page and the pipeline's overlap instead of taking turns; memory holds two pages. A scan that
 * stops early closes its rows (Camel's splitter closes its iterator), which stops the read under
 * way: it would otherwise go on through the database's retries after its run has ended.
 *
 * <p>The rows end instead of raising, because Camel's splitter would take an error of its
 * iterator for the split's, retry the whole split over an iterator already drained, and call
 * that a success.
 */
public final class ScanRows {
    private final DataSource dataSource;
    private final DatabaseRetry retry;
    private final RunTracker runs;
    private final int pageSize;
    /** The rules the rows are assessed under: a row settled under other rules is due again. */
    private final String fingerprint;
    /** Reads the page after the one being worked on; its threads end when idle and never hold the JVM up. */
    private final ExecutorService reader = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "modelgate-scan-read");
        thread.setDaemon(true);
        return thread;
    });

    public ScanRows(DataSource dataSource, DatabaseRetry retry, RunTracker runs, int pageSize, String fingerprint) {
        this.dataSource = dataSource;
        this.retry = retry;
        this.runs = runs;
        this.pageSize = pageSize;
        this.fingerprint = fingerprint;
    }

    /** The window's rows, each marked settled or not, read lazily. */
    public Iterator<Map<String, Object>> read(String runId, ScanWindow.Bounds window) {
        return new Pages(runId, window.since(), window.until());
    }

    /** A page as read after the id {@code after}: its rows, or why it could not be read. */
    private record Page(String after, List<Map<String, Object>> rows, RuntimeException failure) {
    }

    private final class Pages implements Iterator<Map<String, Object>>, Closeable {
        private final String runId;
        private final OffsetDateTime since;
        private final OffsetDateTime until;
        private Iterator<Map<String, Object>> page = Collections.emptyIterator();
        /** The id of the last row read; the next page starts after it. */
        private String lastId = "";
        /** The read of the page after {@link #lastId}, under way; null when none is. */
        private Future<Page> next;
        private boolean ended;

        Pages(String runId, OffsetDateTime since, OffsetDateTime until) {
            this.runId = runId;
            this.since = since;
            this.until = until;
        }

        @Override
        public boolean hasNext() {
            while (!page.hasNext() && !ended) {
                takePage();
            }
            return page.hasNext();
        }

        @Override
        public Map<String, Object> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.next();
        }

        private void takePage() {
            Page read = awaited(next != null ? next : readAfter(lastId));
            next = null;
            if (read.failure() != null) {
                if (DatabaseErrors.cause(read.failure()) == null) {
                    throw read.failure();
                }
                ended = true;
                runs.scanBroken(runId, (read.after().isEmpty() ? "" : "after " + read.after() + ": ")
                        + Text.firstLine(read.failure().getMessage(), read.failure().getClass().getSimpleName()));
                return;
            }
            List<Map<String, Object>> rows = read.rows();
            ended = rows.size() < pageSize;
            if (!rows.isEmpty()) {
                lastId = String.valueOf(rows.get(rows.size() - 1).get("id"));
            }
            page = rows.iterator();
            if (!ended) {
                next = readAfter(lastId);
            }
        }

        private Future<Page> readAfter(String after) {
            return reader.submit(() -> {
                try {
                    return new Page(after, retry.call(after.isEmpty() ? "reading the scan's first rows" : "reading the scan's rows after " + after,
                            () -> ScanQueries.page(dataSource, fingerprint, since, until, after, pageSize)), null);
                } catch (RuntimeException e) {
                    return new Page(after, List.of(), e);
                }
            });
        }

        private static Page awaited(Future<Page> read) {
            try {
                return read.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                read.cancel(true);
                throw new IllegalStateException("stopped while reading the scan's rows", e);
            } catch (ExecutionException e) {
                // only an Error gets here: every exception of the read is in its Page
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /** Stops the read under way, if any: its waits for the database are interrupted. */
        @Override
        public void close() {
            ended = true;
            if (next != null) {
                next.cancel(true);
                next = null;
            }
        }
    }
}
