package io.modelgate.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelgate.model.Assessment;
import io.modelgate.model.Channel;
import io.modelgate.rules.PromotionPolicy;
import io.modelgate.rules.ReferenceChecker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Artifacts of one batch that name each other: a fine-tune and its base model, a version and the
 * older version it follows ({@code parent_version_id}). The older one is written first, so the
 * base model is registered before the fine-tune that refers to it, and a newer version supersedes
 * the older one rather than the other way round. A fine-tune whose base model the reference check
 * took as arriving in the batch is held ({@code A-REF}) when that base model is not registered
 * after all (held or failed).
 */
final class InRunReferences {
    private InRunReferences() {
    }

    /** The batch with each artifact after those of the batch it names; otherwise in its order. */
    static List<Assessment> olderFirst(List<Assessment> batch) {
        Map<String, Assessment> byId = new HashMap<>();
        batch.stream().filter(a -> a.id() != null).forEach(a -> byId.putIfAbsent(a.id(), a));
        Map<Assessment, Integer> depths = new HashMap<>();
        batch.forEach(a -> depths.put(a, depth(a, byId, new HashSet<>())));
        List<Assessment> ordered = new ArrayList<>(batch);
        ordered.sort(Comparator.comparingInt(depths::get));
        return ordered;
    }

    /** How many artifacts of the batch come before this one in its chain of names (a cycle ends it). */
    private static int depth(Assessment assessment, Map<String, Assessment> byId, Set<Assessment> seen) {
        if (!seen.add(assessment)) {
            return 0;
        }
        int depth = 0;
        for (String named : named(assessment)) {
            Assessment older = byId.get(named);
            if (older != null && older != assessment) {
                depth = Math.max(depth, 1 + depth(older, byId, seen));
            }
        }
        seen.remove(assessment);
        return depth;
    }

    private static List<String> named(Assessment assessment) {
        List<String> ids = new ArrayList<>(2);
        if (assessment.version() != null && assessment.version().baseModelId() != null) {
            ids.add(assessment.version().baseModelId());
        }
        JsonNode parent = assessment.document() == null ? null : assessment.document().get("parent_version_id");
        if (parent != null && parent.isTextual()) {
            ids.add(parent.asText());
        }
        return ids;
    }

    /**
     * Holds each model about to be registered whose base model is an artifact of the batch that
     * will not be registered (held from the inbox, or failed) and is not registered already.
     */
    static void holdWhereBaseIsNot(List<Assessment> batch, ModelCatalog catalog) {
        // a held fine-tune may itself be the base model of another: hold until nothing changes
        boolean held = true;
        while (held) {
            held = false;
            Set<String> notRegistering = new HashSet<>();
            for (Assessment a : batch) {
                if (a.id() != null && (a.channel() == Channel.FAILED
                        || a.channel() == Channel.REVIEW && !a.fromDatabase())) {
                    notRegistering.add(a.id());
                }
            }
            List<Assessment> relying = batch.stream()
                    .filter(a -> a.channel() == Channel.PROMOTE || a.channel() == Channel.CANDIDATE)
                    .filter(a -> notRegistering.contains(a.version().baseModelId()))
                    .toList();
            if (relying.isEmpty()) {
                return;
            }
            Set<String> registered = catalog.existing(relying.stream().map(a -> a.version().baseModelId()).toList());
            for (Assessment a : relying) {
                if (!registered.contains(a.version().baseModelId())) {
                    ReferenceChecker.baseNotRegistered(a);
                    PromotionPolicy.hold(a);
                    held = true;
                }
            }
        }
    }
}
