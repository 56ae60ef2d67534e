package io.modelgate.rules;

import io.modelgate.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * A fingerprint of everything besides the input itself that decides what an artifact assesses
 * to: the metadata schema, the policy, the input limits and the revision of the rules' code. A
 * scan treats a row as settled only under the fingerprint it was settled with, so a change to
 * any of these assesses every artifact again once.
 */
public final class RulesFingerprint {
    /**
     * Raise this when a change to the code of the rules (envelope, normalization, references,
     * gate) changes what some input assesses to; a release of a new version does the same.
     */
    static final int RULES_REVISION = 2;

    private static final String VERSION_RESOURCE = "modelgate-version.properties";

    private RulesFingerprint() {
    }

    /** The version of modelgate the build wrote into {@value #VERSION_RESOURCE}. */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = RulesFingerprint.class.getClassLoader().getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(VERSION_RESOURCE + " is missing from the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    public static String of(RuleSettings settings) {
        return Json.sha256(String.join("\n",
                "rules revision " + RULES_REVISION,
                "version " + version(),
                "schema " + Json.canonical(MetadataValidator.readSchema()),
                "eval-gate-families " + settings.evalGateFamilies(),
                "limits " + settings.limits()));
    }
}
