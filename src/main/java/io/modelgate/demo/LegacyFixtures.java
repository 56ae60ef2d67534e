package io.modelgate.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.catalog.ModelCatalog;
import io.modelgate.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The platform's artifacts as they stood before WS1: the 8 model artifacts and the data sets they
 * were evaluated on, from {@code fixtures/ws1/} (packed into the jar; index.txt lists the files).
 */
public final class LegacyFixtures {
    public static final String DIRECTORY = "fixtures/ws1/";

    /** Every fixture document, in the order of index.txt. */
    public List<ObjectNode> documents() {
        List<ObjectNode> documents = new ArrayList<>();
        for (String name : read(DIRECTORY + "index.txt").lines().map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList()) {
            documents.add((ObjectNode) Json.parse(read(DIRECTORY + name)));
        }
        return documents;
    }

    /** Adds the fixtures to the artifacts table as they are; ids already present are left alone. */
    public int load(ModelCatalog catalog) {
        int added = 0;
        for (ObjectNode document : documents()) {
            if (catalog.importArtifact(document)) {
                added++;
            }
        }
        return added;
    }

    private static String read(String resource) {
        try (InputStream in = LegacyFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
