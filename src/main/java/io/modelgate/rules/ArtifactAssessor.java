package io.modelgate.rules;

import io.modelgate.config.Settings;
import io.modelgate.model.Assessment;
import io.modelgate.model.Channel;
import java.util.List;

/**
 * Steps 2 to 5 in one call: normalize, check the schema, check the references, decide the gate.
 * The inbox route calls the same beans one by one, so the flow stays visible there; the scan
 * calls this once per batch, where an exchange per artifact would cost more than the rules
 * ({@code validate} and the benchmark's baseline call it too).
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
    public static ArtifactAssessor create(Settings settings, ArtifactDirectory artifacts) {
        return new ArtifactAssessor(new MetadataNormalizer(), new SchemaCheck(new MetadataValidator()),
                new ReferenceChecker(artifacts), new PromotionPolicy(settings.getList(Settings.EVAL_GATE_FAMILIES)));
    }

    /** Decides the channel of an artifact whose envelope was read; failed ones are left as they are. */
    public Assessment assess(Assessment assessment) {
        if (assessment.channel() == Channel.FAILED) {
            return assessment;
        }
        normalizer.normalize(assessment);
        schemaCheck.check(assessment);
        references.check(assessment);
        policy.decide(assessment);
        return assessment;
    }

    /** Steps 2 to 5 for each artifact of a batch, in order. */
    public List<Assessment> assessAll(List<Assessment> batch) {
        batch.forEach(this::assess);
        return batch;
    }
}
