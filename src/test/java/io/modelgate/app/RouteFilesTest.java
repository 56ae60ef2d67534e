package io.modelgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The pipeline names its route files one by one (see Pipeline.ROUTE_FILES): none may be left out. */
class RouteFilesTest {
    @Test
    void everyRouteFileOfTheRoutesFolderIsLoaded() throws IOException {
        List<String> named = new ArrayList<>(Pipeline.ROUTE_FILES);
        named.add(Pipeline.SCHEDULE_ROUTE_FILE);
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".camel.yaml"))
                    .map(n -> n.substring(0, n.length() - ".camel.yaml".length())))
                    .containsExactlyInAnyOrderElementsOf(named);
        }
    }
}
