package io.modelgate.rules;

/** Answers whether an artifact id is registered (the artifacts table, or nothing offline). */
public interface ArtifactDirectory {
    boolean exists(String artifactId);

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
