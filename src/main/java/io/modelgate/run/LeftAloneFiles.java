package io.modelgate.run;

import io.modelgate.model.ClaimedElsewhere;
import io.modelgate.model.ReviewQueueLayout;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The files whose claims this instance could not take, told to the log and to the run they
 * belong to (see {@link RunTracker#tellRun}): left to another instance, or left for the next run.
 */
final class LeftAloneFiles implements ClaimSkips {
    /** The run's lines come from one logger, whatever the step. */
    private static final Logger LOG = LoggerFactory.getLogger(RunTracker.class);

    private final RunTracker runs;
    private final boolean inboxFile;

    /** @param inboxFile true for the inbox's files, false for reviewers' decision files */
    LeftAloneFiles(RunTracker runs, boolean inboxFile) {
        this.runs = runs;
        this.inboxFile = inboxFile;
    }

    /** The file as the report names it: its name in the inbox, or under {@code decisions/}. */
    private String name(String key) {
        Path file = Path.of(key).getFileName();
        String name = file == null ? key : file.toString();
        return inboxFile ? name : ReviewQueueLayout.DECISIONS + "/" + name;
    }

    @Override
    public void claimedElsewhere(String key, Duration held, boolean holderAlive, boolean toldBefore) {
        ClaimedElsewhere claim = new ClaimedElsewhere(name(key), held, holderAlive);
        String runId = runs.runOf(inboxFile);
        // a daemon meets a file another instance works on at every poll until it is done: once is news
        LoggingEventBuilder line = !holderAlive ? LOG.atWarn() : toldBefore ? LOG.atDebug() : LOG.atInfo();
        if (runId != null) {
            line = line.addKeyValue("run_id", runId);
        }
        line.addKeyValue("file", claim.file()).addKeyValue("claim_held_seconds", held.toMillis() / 1000.0)
                .addKeyValue("holder_alive", holderAlive)
                .log("{}{}: {}", prefix(runId), claim.file(), claim.sentence());
        runs.tellRun(inboxFile, run -> run.report().addClaimedElsewhere(claim));
    }

    @Override
    public void notClaimed(String key, String problem) {
        String file = "file " + name(key);
        String reason = "its claim could not be made: " + problem;
        LOG.warn("{}{} not settled, left for the next run: {}", prefix(runs.runOf(inboxFile)), file, reason);
        runs.tellRun(inboxFile, run -> run.unsettled(file, reason, false));
    }

    /** The run's id as its lines start with it; none in a daemon's poll that has no run (yet). */
    private static String prefix(String runId) {
        return runId == null ? "" : "[" + runId + "] ";
    }
}
