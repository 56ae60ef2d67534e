package io.modelgate.catalog;

import io.modelgate.model.Reason;

/**
 * One promoted version per lineage: what a promotion does to the version promoted in its lineage
 * now. Decided in plain Java; {@link ModelCatalog} (the pipeline) and {@link DecisionRecords}
 * (a reviewer) write what it says, and PostgreSQL's unique index refuses anything else.
 */
final class LineageRule {
    static final String CODE = "R-LINEAGE";

    private LineageRule() {
    }

    /** What becomes of the lineage's promoted version when this version is promoted. */
    enum Outcome {
        /** nothing else of the lineage is promoted (or it is this very version) */
        ALONE,
        /** the promoted version is older: it becomes superseded in the same transaction */
        SUPERSEDES,
        /** the promotion would leave two promoted versions: it does not happen */
        CONFLICTS
    }

    /**
     * The pipeline supersedes an older version it promoted itself; a version a reviewer promoted,
     * or one that is not older (newer, or on another branch of the chain), stays, and the newer
     * version is held for a person.
     */
    static Outcome forPipeline(Lineages.Place place, Lineages.Promoted current) {
        if (current == null || current.id().equals(place.id())) {
            return Outcome.ALONE;
        }
        return place.isOlder(current.id()) && current.byPipeline() ? Outcome.SUPERSEDES : Outcome.CONFLICTS;
    }

    /** A reviewer's promotion supersedes an older promoted version, whoever promoted it. */
    static Outcome forReviewer(Lineages.Place place, Lineages.Promoted current) {
        if (current == null || current.id().equals(place.id())) {
            return Outcome.ALONE;
        }
        return place.isOlder(current.id()) ? Outcome.SUPERSEDES : Outcome.CONFLICTS;
    }

    /** Why the pipeline holds a version it would promote: which version is promoted, and how to decide. */
    static Reason held(Lineages.Place place, Lineages.Promoted current) {
        String id = place.id();
        if (place.isOlder(current.id())) {
            return new Reason(CODE, current.id() + ", an older version of its lineage, is promoted by the decision of "
                    + current.decidedBy() + ", which the pipeline never overrides; to promote " + id
                    + " in its place: modelgate review decide " + id + " --promote");
        }
        return new Reason(CODE, current.id() + " of the same lineage is promoted and is not older than " + id
                + "; to promote " + id + ", first decide " + current.id()
                + " with --supersede or --candidate, then modelgate review decide " + id + " --promote");
    }

    /** Why a reviewer's promotion is refused: it would leave two promoted versions of the lineage. */
    static String refusal(Lineages.Place place, Lineages.Promoted current) {
        return current.id() + " of the same lineage is promoted and is not older than " + place.id()
                + "; decide " + current.id() + " first (--supersede or --candidate)";
    }

    /** The notes of a version the pipeline superseded. */
    static String supersededNotes(String newer) {
        return "superseded by " + newer + ", a newer version of its lineage the pipeline promoted";
    }
}
