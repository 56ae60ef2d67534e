package io.modelgate.review;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A reviewer's decision on one model version, from a decision file or the command line.
 *
 * @param corrections metadata fields that replace the stored ones (a null value removes the
 *                    field), or null when the metadata stays as it is
 */
public record ReviewDecision(String id, Verdict verdict, String reviewer, String note, ObjectNode corrections) {
    /** Who decided, as {@code decided_by} and the events' {@code actor} name it. */
    public String actor() {
        return "reviewer:" + reviewer;
    }
}
