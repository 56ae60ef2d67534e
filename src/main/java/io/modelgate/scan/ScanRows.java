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
import javax.sql.DataSource;

/**
 * The scan's rows, read a page at a time in id order ({@link ScanQueries#page}), each page read
 * through the database's retries: a restart in the middle of a scan costs the page being read,
 * and the scan goes on after the last id it read. When the database stays away past the retries,
 * the rows end there and the run is told the scan broke off ({@link RunTracker#scanBroken}): it
 * ends failed, counts the rows it did not settle, and does not move the scan's mark, so the next
 * scan reads them.
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

    private final class Pages implements Iterator<Map<String, Object>> {
        private final String runId;
        private final OffsetDateTime since;
        private final OffsetDateTime until;
        private Iterator<Map<String, Object>> page = Collections.emptyIterator();
        /** The id of the last row read; the next page starts after it. */
        private String lastId = "";
        private boolean ended;

        Pages(String runId, OffsetDateTime since, OffsetDateTime until) {
            this.runId = runId;
            this.since = since;
            this.until = until;
        }

        @Override
        public boolean hasNext() {
            while (!page.hasNext() && !ended) {
                readPage();
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

        private void readPage() {
            List<Map<String, Object>> rows;
            try {
                rows = retry.call(lastId.isEmpty() ? "reading the scan's first rows" : "reading the scan's rows after " + lastId,
                        () -> ScanQueries.page(dataSource, fingerprint, since, until, lastId, pageSize));
            } catch (RuntimeException e) {
                if (DatabaseErrors.cause(e) == null) {
                    throw e;
                }
                ended = true;
                runs.scanBroken(runId, (lastId.isEmpty() ? "" : "after " + lastId + ": ")
                        + Text.firstLine(e.getMessage(), e.getClass().getSimpleName()));
                return;
            }
            ended = rows.size() < pageSize;
            if (!rows.isEmpty()) {
                lastId = String.valueOf(rows.get(rows.size() - 1).get("id"));
            }
            page = rows.iterator();
        }
    }
}
