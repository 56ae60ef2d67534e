package io.modelgate.model;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a run's artifacts ended: how many in each channel, how many of them needed no write
 * (unchanged), how many were left as decided ({@link LeftAsDecided}: final rows whose input is as
 * before, in no channel) by their promotion_state, and how many inputs were left for the next run
 * (unsettled).
 */
public record RunCounts(int promote, int candidate, int review, int failed, int unchanged,
                        Map<String, Integer> decidedByState, int unsettled) {
    public RunCounts {
        decidedByState = Map.copyOf(decidedByState);
    }

    /** The artifacts left as decided, whatever their state. */
    public int decided() {
        return decidedByState.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The artifacts left as decided by promotion_state, in alphabetical order: {@code rejected 1, superseded 2}. */
    public String decidedByStateText() {
        return decidedByState.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    public int of(Channel channel) {
        return switch (channel) {
            case PROMOTE -> promote;
            case CANDIDATE -> candidate;
            case REVIEW -> review;
            case FAILED -> failed;
        };
    }

    /** By label: a channel's, {@code unchanged}, {@code decided} or {@code unsettled}. */
    public int of(String label) {
        return switch (label) {
            case "unchanged" -> unchanged;
            case LeftAsDecided.LABEL -> decided();
            case "unsettled" -> unsettled;
            default -> of(Channel.fromLabel(label));
        };
    }

    /** Every artifact of the run: those in a channel and those left as decided. */
    public int total() {
        return promote + candidate + review + failed + decided();
    }

    /**
     * The channels' counts in one line: {@code promote 6, candidate 2, review 0, failed 0 (unchanged 8)},
     * then the inputs not settled when there are some. The artifacts left as decided have a line of
     * their own, so this one keeps the shape its readers know.
     */
    public String line() {
        return "promote " + promote + ", candidate " + candidate + ", review " + review + ", failed " + failed
                + " (unchanged " + unchanged + ")" + (unsettled > 0 ? ", " + unsettled + " not settled" : "");
    }
}
