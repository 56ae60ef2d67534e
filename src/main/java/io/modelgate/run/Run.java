package io.modelgate.run;

import io.modelgate.model.Assessment;
import io.modelgate.model.Change;
import io.modelgate.model.Channel;
import io.modelgate.model.LeftAsDecided;
import io.modelgate.model.PromotionState;
import io.modelgate.model.Text;
import io.modelgate.output.DecisionRow;
import io.modelgate.output.ReportRow;
import io.modelgate.output.RunReport;
import java.util.Set;
import java.util.function.Predicate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One run while it is open: its report, its progress lines, the log line of each artifact, and
 * the ids it settled from inbox files (its scan leaves those out, so each artifact gets one row).
 * An artifact left as decided ({@link LeftAsDecided}) is counted as {@code decided}, not in review,
 * unless a ticket of its id is open: then something of it still waits for a person.
 */
public final class Run implements AutoCloseable {
    /** Every artifact's line and the progress lines come from one logger, whatever the step. */
    private static final Logger LOG = LoggerFactory.getLogger(RunTracker.class);
    private static final int PROGRESS_EVERY = 1000;

    private final String id;
    private final RunReport report;
    private final RunMetrics metrics;
    /** Whether the review queue holds an open ticket of an id. */
    private final Predicate<String> ticketOpen;
    private final Set<String> settledFromInbox = ConcurrentHashMap.newKeySet();
    private final long startNanos = System.nanoTime();

    /** How long the run has taken so far. */
    java.time.Duration elapsed() {
        return java.time.Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private final AtomicLong done = new AtomicLong();
    private final AtomicLong expected = new AtomicLong();
    /** The scan's rows settled (written, found settled, or left out as settled from a file). */
    private final AtomicLong scanSettled = new AtomicLong();
    private volatile boolean scanning;
    private volatile boolean scanCompleted;
    private volatile String reportBroken;
    /** Why the scan broke off before its last row, or null. */
    private volatile String scanBroken;

    Run(String id, RunReport report, RunMetrics metrics, Predicate<String> ticketOpen) {
        this.id = id;
        this.report = report;
        this.metrics = metrics;
        this.ticketOpen = ticketOpen;
    }

    String id() {
        return id;
    }

    public RunReport report() {
        return report;
    }

    /** A scan of this run is about to read {@code count} artifacts. */
    void expect(long count) {
        scanning = true;
        expected.addAndGet(count);
        LOG.atInfo().addKeyValue("run_id", id).addKeyValue("expected", count)
                .log("[{}] scanning {} model artifact(s)", id, count);
    }

    /** A settled artifact: its rows in the report, and one log line saying what happened to it. */
    void record(Assessment assessment) {
        ReportRow row = shown(ReportRow.of(assessment));
        toReport(() -> report.add(row));
        metrics.settled(row.channel(), assessment.change().label());
        if (assessment.fromDatabase()) {
            scanSettled.incrementAndGet();
        }
        // a file that failed wrote nothing: the database's row of that id is still the scan's to read
        if (!assessment.fromDatabase() && assessment.id() != null && assessment.channel() != Channel.FAILED) {
            settledFromInbox.add(assessment.id());
        }
        step();
        String codes = String.join(",", assessment.reasons().stream().map(r -> r.code()).toList());
        // the same facts as fields, for a log read by machines (--log-format json)
        LoggingEventBuilder line = LOG.atInfo().addKeyValue("run_id", id);
        if (assessment.id() != null) {
            line.addKeyValue("artifact_id", assessment.id());
        }
        if (assessment.file() != null) {
            line.addKeyValue("file", assessment.file());
        }
        line.addKeyValue("channel", row.channel()).addKeyValue("change", assessment.change().label())
                .addKeyValue("reasons", codes);
        if (row.decided()) {
            line.log("[{}] {} -> {} ({}, {}): nothing to write, nothing held", id, assessment, row.channel(),
                    assessment.change().label(), row.newState());
        } else if (assessment.channel() == Channel.FAILED) {
            line.log("[{}] {} -> failed: {}", id, assessment,
                    assessment.reasons().isEmpty() ? "" : assessment.reasons().get(0).message());
        } else {
            line.log("[{}] {} -> {} ({}){}", id, assessment, assessment.channel().label(),
                    assessment.change().label(), codes.isEmpty() ? "" : " " + codes);
        }
    }

    /** A row a scan found settled: nothing happened to it, so no line of its own, only its place in the progress. */
    void recordSettled(ReportRow settled) {
        ReportRow row = shown(settled);
        scanSettled.incrementAndGet();
        toReport(() -> report.add(row));
        metrics.unchanged(row.channel());
        step();
    }

    /** Like {@link #recordSettled}, for a row reported as recorded: unchanged, not listed. */
    void recordUnchanged(String artifactId, Channel channel, String promotionState, String reasonsJson, String errorsJson) {
        String shown = LeftAsDecided.applies(channel, Change.UNCHANGED, PromotionState.fromDb(promotionState))
                && !ticketOpen.test(artifactId) ? LeftAsDecided.LABEL : channel.label();
        scanSettled.incrementAndGet();
        toReport(() -> report.addUnchanged(artifactId, shown, promotionState, reasonsJson, errorsJson));
        metrics.unchanged(shown);
        step();
    }

    /** The row as the run counts it: as decided where its artifact is left as decided and no ticket of it is open. */
    private ReportRow shown(ReportRow row) {
        return row.finalAndUnchanged() && !ticketOpen.test(row.id()) ? row.asDecided() : row;
    }

    /** A decision file the run read: its report and summary list it, applied or refused. */
    void decision(DecisionRow decision) {
        toReport(() -> report.addDecision(decision));
    }

    boolean settledFromInbox(String artifactId) {
        return settledFromInbox.contains(artifactId);
    }

    /**
     * Adds to the report. A report that cannot be written (a full disk, a folder gone) is the
     * run's failure, not the artifact's: the artifact is written already and its file must still
     * move, so the error is kept for the end of the run, which then is not {@code succeeded}.
     */
    private void toReport(Runnable add) {
        try {
            add.run();
        } catch (RuntimeException e) {
            if (reportBroken == null) {
                reportBroken = Text.firstLine(e.getMessage(), e.getClass().getSimpleName());
                LOG.atError().addKeyValue("run_id", id).log("[{}] the run's report cannot be written: {}", id, reportBroken);
            }
        }
    }

    /** Why the report could not be written as the run went, or null. */
    String reportBroken() {
        return reportBroken;
    }

    /** A row of the scan this run settled from an inbox file already: left out, and so settled. */
    void scanRowSettledFromInbox() {
        scanSettled.incrementAndGet();
    }

    /** An input left for the next run, and why; {@code scanRow} when it is a row of the scan. */
    void unsettled(String input, String problem, boolean scanRow) {
        report.addUnsettled(input, problem, scanRow);
        metrics.unsettled();
    }

    /** The scan read its last row. */
    void scanCompleted() {
        scanCompleted = true;
    }

    /** Whether a scan of this run broke off before its last row. */
    boolean scanBrokeOff() {
        return scanBroken != null;
    }

    /** The scan broke off: the database stayed away past its retries. */
    void scanBroken(String problem) {
        scanBroken = problem;
    }

    /**
     * At the end of the run: a scan that did not read to its end left the rows it did not settle
     * for the next run, and the report counts them.
     */
    void countRowsLeft() {
        if (!scanning && scanBroken != null) {
            // broken off before it counted its rows
            report.addScanNotRead(scanBroken);
            return;
        }
        if (!scanning || (scanCompleted && scanBroken == null)) {
            return;
        }
        long left = Math.max(0, expected.get() - scanSettled.get());
        report.addScanRowsLeft(left, scanBroken != null ? scanBroken : "the scan stopped because the database failed");
    }

    /** A progress line every {@value #PROGRESS_EVERY} artifacts: how many, how fast, and how long to go. */
    private void step() {
        long n = done.incrementAndGet();
        if (n % PROGRESS_EVERY != 0) {
            return;
        }
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        double rate = n / seconds;
        long total = expected.get();
        String eta = total > n ? String.format(", about %.0f s to go", (total - n) / rate) : "";
        LOG.atInfo().addKeyValue("run_id", id).addKeyValue("done", n)
                .log("[{}] {} artifacts{} done, {}/s{}", id, n, total > 0 ? " of " + total : "", Math.round(rate), eta);
    }

    @Override
    public void close() {
        report.close();
    }
}
