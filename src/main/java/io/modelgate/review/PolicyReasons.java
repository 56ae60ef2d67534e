package io.modelgate.review;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which reasons for holding a model a reviewer may accept as they are, and which only corrected
 * metadata resolves. A policy reason says the document is fit but the rules will not judge it
 * alone: a moving upstream ref or an unpinned commit (A-UNPINNED), a base model not registered
 * (A-REF), the evaluation gate (G-*), a reviewer's or a lineage's protection (R-*); notes (N-*)
 * hold nothing. Any other reason (V-SCHEMA, A-CONFLICT, A-UNPARSEABLE, ...) says the metadata
 * itself is not fit to register.
 */
public final class PolicyReasons {
    private static final Set<String> POLICY_CODES = Set.of("A-UNPINNED", "A-REF");
    private static final List<String> POLICY_PREFIXES = List.of("G-", "R-", "N-");

    private PolicyReasons() {
    }

    public static boolean isPolicy(String code) {
        return POLICY_CODES.contains(code) || POLICY_PREFIXES.stream().anyMatch(code::startsWith);
    }

    /** The codes among these that only corrected metadata resolves, in their order. */
    public static List<String> needingMetadata(Collection<String> codes) {
        return codes.stream().filter(code -> !isPolicy(code)).toList();
    }

    /** Whether a model held for these codes can be decided on its document as it is. */
    public static boolean decidableAsIs(Collection<String> codes) {
        return needingMetadata(codes).isEmpty();
    }
}
