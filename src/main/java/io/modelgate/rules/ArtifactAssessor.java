package io.modelgate.rules;

import io.modelgate.model.Assessment;
import io.modelgate.model.Channel;
import java.util.List;

/**
 * Steps 2 to 5 in plain Java, mirroring route {@code assess} (routes/pipeline.camel.yaml): the
 * inputs of a batch that have not failed, then normalize, check the schema, check the references
 * and decide the gate, each step for the whole batch, in that order. The routes run the same
 * beans as that route's steps; {@code validate}, a reviewer's decision and the benchmark's
 * baseline call them through this class.
 */
public final class ArtifactAssessor {
    private final MetadataNormalizer normalizer;
    private final SchemaCheck schemaCheck;
    private final ReferenceChecker references;
    private final PromotionPolicy policy;

    public ArtifactAssessor(MetadataNormalizer normalizer, SchemaCheck schemaCheck, ReferenceChecker references,
                            PromotionPolicy policy) {
        this.normalizer = normalizer;
        this.schemaCheck = schemaCheck;
        this.references = references;
        this.policy = policy;
    }

    /** The assessor with the policy of {@code settings}, checking references in {@code artifacts}. */
    public static ArtifactAssessor create(RuleSettings settings, ArtifactDirectory artifacts) {
        return new ArtifactAssessor(new MetadataNormalizer(), new SchemaCheck(new MetadataValidator()),
                new ReferenceChecker(artifacts), new PromotionPolicy(settings.evalGateFamilies()));
    }

    /**
     * The artifacts of a batch the rules still have to assess: an input that already failed (its
     * envelope could not be read) goes no further and keeps its channel. The one place they are
     * skipped, for route {@code assess} and for this class.
     */
    public static List<Assessment> toAssess(List<Assessment> batch) {
        return batch.stream().filter(assessment -> assessment.channel() != Channel.FAILED).toList();
    }

    /** Decides the channel of an artifact whose envelope was read; a failed one is left as it is. */
    public Assessment assess(Assessment assessment) {
        assessAll(List.of(assessment));
        return assessment;
    }

    /** Steps 2 to 5 for a batch, in order; failed inputs are left as they are. */
    public List<Assessment> assessAll(List<Assessment> batch) {
        List<Assessment> assessed = toAssess(batch);
        normalizer.normalizeAll(assessed);
        schemaCheck.checkAll(assessed);
        references.checkAll(assessed);
        policy.decideAll(assessed);
        return batch;
    }
}
