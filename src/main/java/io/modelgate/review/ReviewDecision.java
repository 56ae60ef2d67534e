package io.modelgate.review;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A reviewer's decision on one model version, from a decision file or the command line.
 *
 * @param corrections metadata fields that replace the stored ones (a null value removes the
 *                    field), or null when the metadata stays as it is
 * @param acceptAsIs  the reviewer asked explicitly to take the held document unchanged: refused
 *                    unless only policy reasons (see {@link PolicyReasons}) held it
 */
public record ReviewDecision(String id, Verdict verdict, String reviewer, String note, ObjectNode corrections,
                             boolean acceptAsIs) {
    public ReviewDecision(String id, Verdict verdict, String reviewer, String note, ObjectNode corrections) {
        this(id, verdict, reviewer, note, corrections, false);
    }

    /** The same decision, taking the held document unchanged. */
    public ReviewDecision acceptingAsIs() {
        return new ReviewDecision(id, verdict, reviewer, note, corrections, true);
    }

    /** Who decided, as {@code decided_by} and the events' {@code actor} name it. */
    public String actor() {
        return "reviewer:" + reviewer;
    }
}
