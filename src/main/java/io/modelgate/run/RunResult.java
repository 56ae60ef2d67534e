package io.modelgate.run;

import io.modelgate.model.RunCounts;
import io.modelgate.output.ClaimedFiles;
import io.modelgate.output.DecisionRow;
import io.modelgate.output.UnreadEntries;
import java.nio.file.Path;
import java.util.List;

/**
 * How a run ended: its id, its counts, and where its outputs are. {@code succeeded} is false
 * when inputs were left unsettled, the run stopped because the database failed, or its end
 * could not be recorded. {@code rowsLeft} are the database rows among the unsettled inputs, read
 * again by the next scan. {@code claimed} are the files it left alone because another process held
 * their claims; {@code unread} the entries named like documents it did not read (not regular
 * files, or names it cannot carry); {@code decisions} the decision files it read, by name.
 */
public record RunResult(String runId, String mode, RunCounts counts, int rowsLeft, Path report, Path summary, boolean succeeded,
                        ClaimedFiles claimed, UnreadEntries unread, List<DecisionRow> decisions) {
    /** A channel's count by its label, or {@code unchanged}, {@code decided} or {@code unsettled}. */
    public int count(String label) {
        return counts.of(label);
    }

    public String countsLine() {
        return counts.line();
    }
}
