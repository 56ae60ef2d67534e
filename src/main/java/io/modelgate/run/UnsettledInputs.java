package io.modelgate.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inputs left for the next run because the database could not be reached: an input a step kept
 * failing through its retries ({@link #unsettled}, which opens the {@link DatabaseCircuit}), and
 * the inputs that follow while the circuit is open, left at once ({@link #leftForNextRun}). The
 * input stays where it was: an inbox or decision file is not moved, a row is scanned again next
 * time. Each is named in its run's report, which makes the run failed (routes/errors.camel.yaml).
 */
public final class UnsettledInputs {
    private static final Logger LOG = LoggerFactory.getLogger(UnsettledInputs.class);

    private final RunTracker runs;
    private final DatabaseCircuit database;

    public UnsettledInputs(RunTracker runs) {
        this.runs = runs;
        this.database = runs.databaseCircuit();
    }

    /**
     * An input that could not be settled because a step kept failing (the database away). The
     * inputs that follow in the next moments are left at once ({@link #ensureDatabaseReachable}).
     */
    public void unsettled(String runId, Object input, String fileName, String problem) {
        database.failed();
        leftForNextRun(runId, input, fileName, problem);
    }

    /**
     * An input left at once because the database failed moments ago. It does not extend that
     * moment: the first input after it tries the database again, through its retries.
     */
    public void leftForNextRun(String runId, Object input, String fileName, String problem) {
        Run run = runs.openRun(runId);
        if (InputNames.isWholeScan(input, fileName)) {
            // its rows are counted when the run ends, as far as the scan knew them
            if (run != null) {
                run.scanBroken(problem);
            }
            LOG.warn("[{}] the scan not settled, its rows are left for the next run: {}", runId, problem);
            return;
        }
        // only the scan's inputs come without a file
        boolean scanRows = fileName == null;
        for (String what : InputNames.of(input, fileName)) {
            if (run != null) {
                run.unsettled(what, problem, scanRows);
            }
            LOG.warn("[{}] {} not settled, left for the next run: {}", runId, what, problem);
        }
    }

    /**
     * Refuses at once while the database failed moments ago: the next inputs of the same poll are
     * left for the next run without each waiting through the retries.
     */
    public void ensureDatabaseReachable() {
        database.ensureClosed();
    }
}
