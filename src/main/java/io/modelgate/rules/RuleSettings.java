package io.modelgate.rules;

import java.util.List;

/**
 * The settings the rules depend on, typed: the input limits of the envelope and the model
 * families the gate holds without evaluation metrics. Built from the configuration by the code
 * that composes the rules ({@code app.PipelineSettings}), so the rules read no configuration.
 */
public record RuleSettings(InputLimits limits, List<String> evalGateFamilies) {
    public RuleSettings {
        evalGateFamilies = List.copyOf(evalGateFamilies);
    }
}
