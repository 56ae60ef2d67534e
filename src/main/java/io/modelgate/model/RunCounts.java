package io.modelgate.model;

/**
 * How a run's artifacts ended: how many in each channel, how many of them needed no write
 * (unchanged), and how many inputs were left for the next run (unsettled).
 */
public record RunCounts(int promote, int candidate, int review, int failed, int unchanged, int unsettled) {
    public int of(Channel channel) {
        return switch (channel) {
            case PROMOTE -> promote;
            case CANDIDATE -> candidate;
            case REVIEW -> review;
            case FAILED -> failed;
        };
    }

    /** By label: a channel's, {@code unchanged} or {@code unsettled}. */
    public int of(String label) {
        return switch (label) {
            case "unchanged" -> unchanged;
            case "unsettled" -> unsettled;
            default -> of(Channel.fromLabel(label));
        };
    }

    public int total() {
        return promote + candidate + review + failed;
    }

    /** The counts in one line: {@code promote 6, candidate 2, review 0, failed 0 (unchanged 8)}. */
    public String line() {
        return "promote " + promote + ", candidate " + candidate + ", review " + review + ", failed " + failed
                + " (unchanged " + unchanged + ")" + (unsettled > 0 ? ", " + unsettled + " not settled" : "");
    }
}
