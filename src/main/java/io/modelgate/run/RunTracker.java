package io.modelgate.run;

import io.modelgate.catalog.RunLog;
import io.modelgate.model.Assessment;
import io.modelgate.model.Channel;
import io.modelgate.model.Text;
import io.modelgate.output.DecisionRow;
import io.modelgate.output.ReportRow;
import io.modelgate.output.RunReport;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows which run each artifact belongs to and ends runs with their report. A one-shot command
 * opens one run that every route joins (an "ambient" run); the daemon gets a run per inbox poll
 * and per scheduled scan.
 */
public final class RunTracker {
    private static final Logger LOG = LoggerFactory.getLogger(RunTracker.class);
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    /** How long the end of a run waits to learn whether a database that failed moments ago is back. */
    private static final Duration PROBE_WAIT = Duration.ofSeconds(2);

    private final RunLog log;
    private final String configuredReport;
    private final Path extraSummary;
    private final Map<String, Run> open = new ConcurrentHashMap<>();
    private final String host;
    private volatile String ambientRun;
    private volatile String inboxRun;
    /** Inputs are left alone at once for a while after the database failed through its retries. */
    private final DatabaseCircuit database;
    /** Asks, within {@link #PROBE_WAIT}, whether a database that failed moments ago answers again. */
    private final DatabaseProbe probe;
    private final RunMetrics metrics = new RunMetrics();
    /** What the daemon's inbox poll has to tell its run before the run began (files left alone). */
    private final List<Consumer<Run>> beforePollRun = new ArrayList<>();
    /** Whether the review queue holds an open ticket of an id: then the id still waits for a person. */
    private final Predicate<String> ticketOpen;

    public RunTracker(RunLog log, String configuredReport, Path extraSummary, DatabaseCircuit database,
                      DatabaseProbe probe, Predicate<String> ticketOpen) {
        this.ticketOpen = ticketOpen;
        this.database = database;
        this.probe = probe;
        this.log = log;
        this.configuredReport = configuredReport;
        this.extraSummary = extraSummary;
        this.host = hostName();
    }

    /** Opens a run that every route joins until it is finished (backfill, run --once). */
    public String beginAmbient(String mode) {
        ambientRun = begin(mode);
        return ambientRun;
    }

    /**
     * The run an inbox file belongs to: the ambient run, or the poll's run, begun at its first
     * file. Beginning a run writes to the database, so while it failed moments ago the file is
     * left at once instead of waiting through the retries of that write.
     */
    public String inboxRun() {
        if (ambientRun != null) {
            return ambientRun;
        }
        if (inboxRun == null) {
            database.ensureClosed();
            String runId = begin("inbox");
            synchronized (beforePollRun) {
                inboxRun = runId;
                Run run = open.get(runId);
                beforePollRun.forEach(note -> note.accept(run));
                beforePollRun.clear();
            }
        }
        return inboxRun;
    }

    /** An inbox poll is over (every file handled, or none found): the poll's run ends with it. */
    public void inboxPollDone() {
        synchronized (beforePollRun) {
            // a poll that read no file of its own has no run: its files left alone were only logged
            beforePollRun.clear();
        }
        String run = inboxRun;
        if (ambientRun == null && run != null) {
            inboxRun = null;
            finish(run);
        }
    }

    /** Who hears of the inbox files whose claims this instance could not take: the run of their poll. */
    public ClaimSkips inboxSkips() {
        return new LeftAloneFiles(this, true);
    }

    /** Who hears of the decision files whose claims this instance could not take: {@code run --once}'s run. */
    public ClaimSkips decisionSkips() {
        return new LeftAloneFiles(this, false);
    }

    /** The run an inbox file (or a decision file) read now belongs to, if one is open. */
    String runOf(boolean inboxFile) {
        return ambientRun != null ? ambientRun : inboxFile ? inboxRun : null;
    }

    /**
     * Tells a run of a file it left alone: the ambient run; in the daemon, the run of the inbox's
     * poll, which begins at the poll's first file of its own (perhaps after this one), or none.
     */
    public void tellRun(boolean inboxFile, Consumer<Run> note) {
        synchronized (beforePollRun) {
            String runId = runOf(inboxFile);
            Run run = runId == null ? null : open.get(runId);
            if (run != null) {
                note.accept(run);
            } else if (inboxFile && ambientRun == null) {
                beforePollRun.add(note);
            }
        }
    }

    /** What the runs count, for the daemon's metrics. */
    public RunMetrics metrics() {
        return metrics;
    }

    /** Whether inputs are being left for the next run because the database failed moments ago. */
    public DatabaseCircuit databaseCircuit() {
        return database;
    }

    /** The run every route joins now (backfill, run --once), or null (the daemon). */
    public String ambientRun() {
        return ambientRun;
    }

    /** The run a scan belongs to: the ambient run, or a new one for a scheduled scan. */
    public String scanRun() {
        if (ambientRun != null) {
            return ambientRun;
        }
        database.ensureClosed();
        return begin("scan");
    }

    /** A scan is over; a scheduled scan's run ends with it. */
    public void scanDone(String runId) {
        run(runId).scanCompleted();
        if (!Objects.equals(runId, ambientRun)) {
            finish(runId);
        }
    }

    /**
     * The scan broke off before its last row: the database stayed away past the retries. The run
     * ends failed; the rows it did not settle are counted and read by the next scan.
     */
    public void scanBroken(String runId, String problem) {
        database.failed();
        LOG.atWarn().addKeyValue("run_id", runId)
                .log("[{}] the scan broke off, its remaining rows are left for the next run: {}", runId, problem);
        run(runId).scanBroken(problem);
    }

    /** A scan failed (the database went away); a scheduled scan's run ends as failed, with its report. */
    public void scanFailed(String runId) {
        if (runId != null && !Objects.equals(runId, ambientRun) && open.containsKey(runId)) {
            finish(runId, false);
        }
    }

    /**
     * Whether this run already settled the artifact from an inbox file: its scan leaves the row
     * out, so each artifact gets one row in a run's report, and a ticket written from the file stays.
     */
    public boolean settledFromInbox(String runId, String artifactId) {
        Run run = open.get(runId);
        if (run != null && run.settledFromInbox(artifactId)) {
            run.scanRowSettledFromInbox();
            return true;
        }
        return false;
    }

    /** Adds a settled artifact to its run's report and logs what happened to it in one line. */
    public void record(Assessment assessment) {
        run(assessment.runId()).record(assessment);
    }

    /**
     * Adds the row of an artifact a scan found settled (see {@code scan.SettledRows}); nothing happened
     * to it, so it gets no log line of its own, only its place in the progress lines.
     */
    public void recordSettled(String runId, ReportRow row) {
        run(runId).recordSettled(row);
    }

    /** Like {@link #recordSettled}, for a row that is reported as recorded: unchanged, not listed. */
    public void recordUnchanged(String runId, String id, Channel channel, String promotionState, String reasonsJson,
                                String errorsJson) {
        run(runId).recordUnchanged(id, channel, promotionState, reasonsJson, errorsJson);
    }

    /**
     * A decision file read in {@code run --once}: the run's stdout, report and summary list it. In
     * the daemon, whose decision files belong to no run ({@code runId} null), its log line says it.
     */
    public void decision(String runId, DecisionRow row) {
        Run run = runId == null ? null : open.get(runId);
        if (run != null) {
            run.decision(row);
        }
    }

    private Run run(String runId) {
        Run run = open.get(runId);
        if (run == null) {
            throw new IllegalStateException("run " + runId + " is not open");
        }
        return run;
    }

    /** The run {@code runId} while it is open, or null (no run, or one already ended). */
    Run openRun(String runId) {
        return runId == null ? null : open.get(runId);
    }

    /** A scan of this run is about to read {@code count} artifacts. */
    public void expect(String runId, long count) {
        run(runId).expect(count);
    }

    /** Ends the ambient run. */
    public RunResult finishAmbient(boolean succeeded) {
        RunResult result = finish(ambientRun, succeeded);
        ambientRun = null;
        return result;
    }

    private RunResult finish(String runId) {
        return finish(runId, true);
    }

    private synchronized RunResult finish(String runId, boolean succeeded) {
        try (Run run = open.remove(runId)) {
            if (run == null) {
                throw new IllegalStateException("run " + runId + " is not open");
            }
            RunReport report = run.report();
            run.countRowsLeft();
            // a run that left inputs for the next one did not do all its work
            succeeded = succeeded && report.counts().unsettled() == 0 && !run.scanBrokeOff() && run.reportBroken() == null;
            OffsetDateTime finishedAt = record(runId, report, succeeded);
            succeeded = succeeded && finishedAt != null;
            if (finishedAt == null) {
                finishedAt = OffsetDateTime.now(ZoneOffset.UTC);
            }
            try {
                report.finish(finishedAt, extraSummary);
            } catch (RuntimeException e) {
                // a run whose report was not written did not do its work: etl_runs must not say succeeded
                LOG.atError().addKeyValue("run_id", runId).log("[{}] the report {} could not be written: {}", runId,
                        report.reportPath(), Text.firstLine(e.getMessage(), e.getClass().getSimpleName()));
                if (succeeded) {
                    record(runId, report, false);
                }
                succeeded = false;
            }
            RunResult result = new RunResult(runId, report.mode(), report.counts(), report.unsettledRows(),
                    report.reportPath(), report.summaryPath(), succeeded, report.claimedFiles(), report.unreadEntries(),
                    report.decisions());
            metrics.runFinished(report.mode(), run.elapsed(), succeeded);
            LOG.atInfo().addKeyValue("run_id", runId).addKeyValue("mode", report.mode())
                    .addKeyValue("succeeded", succeeded).addKeyValue("report", report.reportPath())
                    .log("[{}] {} run finished: {}{}; report {}", runId, report.mode(), result.countsLine(),
                            result.counts().decided() > 0 ? ", decided " + result.counts().decided() : "", report.reportPath());
            return result;
        }
    }

    /** Records the end of a run in etl_runs; null when the database could not take it (the row stays running). */
    private OffsetDateTime record(String runId, RunReport report, boolean succeeded) {
        try {
            // with the database gone, recording the end would wait for a connection in vain
            if (database.isOpen() && !probe.answers(PROBE_WAIT)) {
                throw new DatabaseAwayException("the database does not answer");
            }
            return log.finished(runId, report.counts(), report.reportPath(), succeeded);
        } catch (RuntimeException databaseAway) {
            // the report is still written: it is where a person looks first
            LOG.warn("[{}] the end of the run could not be recorded in etl_runs: {}", runId, databaseAway.getMessage());
            return null;
        }
    }

    private String begin(String mode) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String runId = "run-" + RUN_TIME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8);
        OffsetDateTime startedAt = log.started(runId, mode, host);
        Path reportPath = configuredReport.isEmpty() ? Path.of("reports", runId + ".md") : Path.of(configuredReport);
        open.put(runId, new Run(runId, new RunReport(runId, mode, startedAt, reportPath), metrics, ticketOpen));
        LOG.atInfo().addKeyValue("run_id", runId).addKeyValue("mode", mode).log("[{}] {} run started", runId, mode);
        return runId;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
