package io.modelgate.pipeline;

import java.nio.file.Path;
import java.util.Map;

/**
 * How a run ended: its id, counts per channel (and unchanged), and where its outputs are.
 * {@code succeeded} is false when inputs were left unsettled, the run stopped because the
 * database failed, or its end could not be recorded.
 */
public record RunResult(String runId, String mode, Map<String, Integer> counts, Path report, Path summary,
                        boolean succeeded) {
    public int count(String channel) {
        return counts.getOrDefault(channel, 0);
    }

    public String countsLine() {
        return "promote " + count("promote") + ", candidate " + count("candidate") + ", review " + count("review")
                + ", failed " + count("failed") + " (unchanged " + count("unchanged") + ")"
                + (count("unsettled") > 0 ? ", " + count("unsettled") + " not settled" : "");
    }
}
