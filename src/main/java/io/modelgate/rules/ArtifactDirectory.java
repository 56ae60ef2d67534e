package io.modelgate.rules;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Answers whether artifact ids are registered (the artifacts table, or nothing offline). */
public interface ArtifactDirectory {
    boolean exists(String artifactId);

    /** Which of these ids are registered: one question for a whole batch (the catalog answers it in one query). */
    default Set<String> existing(Collection<String> artifactIds) {
        Set<String> found = new HashSet<>();
        artifactIds.stream().filter(this::exists).forEach(found::add);
        return found;
    }

    /** Whether this directory can answer at all ({@code validate} runs without a database). */
    default boolean available() {
        return true;
    }

    /** The directory used without a database: it knows nothing, so references go unchecked. */
    ArtifactDirectory OFFLINE = new ArtifactDirectory() {
        @Override
        public boolean exists(String artifactId) {
            return false;
        }

        @Override
        public boolean available() {
            return false;
        }
    };
}
