package io.modelgate.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One promoted version per lineage, decided in plain Java: who may supersede what. */
class LineageRuleTest {
    private static final Lineages.Place V3 = new Lineages.Place("v3", List.of("v2", "v1"));

    private static Lineages.Promoted promoted(String id, String decidedBy) {
        return new Lineages.Promoted(id, decidedBy, "{}");
    }

    @Test
    void aPromotionAloneInItsLineageOrOfTheVersionPromotedAlreadyTouchesNothingElse() {
        assertThat(LineageRule.forPipeline(V3, null)).isEqualTo(LineageRule.Outcome.ALONE);
        assertThat(LineageRule.forPipeline(V3, promoted("v3", "pipeline"))).isEqualTo(LineageRule.Outcome.ALONE);
        assertThat(LineageRule.forReviewer(V3, null)).isEqualTo(LineageRule.Outcome.ALONE);
        assertThat(V3.lineage()).isEqualTo("v1");
        assertThat(new Lineages.Place("v1", List.of()).lineage()).isEqualTo("v1");
    }

    @Test
    void thePipelineSupersedesOnlyAnOlderVersionItPromotedItself() {
        assertThat(LineageRule.forPipeline(V3, promoted("v1", "pipeline"))).isEqualTo(LineageRule.Outcome.SUPERSEDES);
        assertThat(LineageRule.forPipeline(V3, promoted("v1", "reviewer:ann"))).isEqualTo(LineageRule.Outcome.CONFLICTS);
        assertThat(LineageRule.forPipeline(V3, promoted("v4", "pipeline"))).isEqualTo(LineageRule.Outcome.CONFLICTS);
    }

    @Test
    void aReviewerSupersedesAnOlderVersionWhoeverPromotedItButNeverANewerOne() {
        assertThat(LineageRule.forReviewer(V3, promoted("v2", "reviewer:bob"))).isEqualTo(LineageRule.Outcome.SUPERSEDES);
        assertThat(LineageRule.forReviewer(V3, promoted("v4", "pipeline"))).isEqualTo(LineageRule.Outcome.CONFLICTS);
        assertThat(LineageRule.refusal(V3, promoted("v4", "pipeline")))
                .isEqualTo("v4 of the same lineage is promoted and is not older than v3; decide v4 first"
                        + " (--supersede or --candidate)");
    }

    @Test
    void aHeldPromotionNamesThePromotedVersionAndTheCommandThatDecides() {
        assertThat(LineageRule.held(V3, promoted("v4", "pipeline")).message())
                .isEqualTo("v4 of the same lineage is promoted and is not older than v3; to promote v3, first decide"
                        + " v4 with --supersede or --candidate, then modelgate review decide v3 --promote");
        assertThat(LineageRule.held(V3, promoted("v2", "reviewer:ann")).code()).isEqualTo("R-LINEAGE");
    }
}
