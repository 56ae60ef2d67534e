package io.modelgate.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.catalog.CatalogException;
import io.modelgate.catalog.CatalogStatements;
import io.modelgate.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

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

    /** The platform's own insert of an artifact as it stands, with its timestamps; an id already present is left alone. */
    private static final String IMPORT = "INSERT INTO artifacts (id, artifact_type, title, metadata, version_number,"
            + " parent_version_id, version_tag, changelog, is_latest, lifecycle_state, superseded_by, origin_type,"
            + " origin_url, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?::jsonb, COALESCE(?, 1), ?, ?, ?, COALESCE(?, true), COALESCE(?, 'active'), ?,"
            + " COALESCE(?, 'internal'), ?, COALESCE(?::timestamptz, now()), COALESCE(?::timestamptz, now()))"
            + " ON CONFLICT (id) DO NOTHING";

    /**
     * Adds the fixtures to the artifacts table as they are, as the platform had them before WS1
     * (the pipeline's catalog then registers them); ids already present are left alone.
     */
    public int load(DataSource dataSource) {
        int added = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(IMPORT)) {
            for (ObjectNode document : documents()) {
                statement.setString(1, document.path("id").asText());
                statement.setString(2, document.path("artifact_type").asText());
                statement.setString(3, document.path("title").asText());
                statement.setString(4, Json.write(document.path("metadata")));
                int next = CatalogStatements.bindLineage(statement, 5, document);
                CatalogStatements.setText(statement, next, document.get("created_at"));
                CatalogStatements.setText(statement, next + 1, document.get("updated_at"));
                added += statement.executeUpdate();
            }
        } catch (SQLException e) {
            throw new CatalogException("loading the legacy fixtures failed: " + e.getMessage(), e);
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
