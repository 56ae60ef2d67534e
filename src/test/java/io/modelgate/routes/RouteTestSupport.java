package io.modelgate.routes;

import io.modelgate.app.Pipeline;
import io.modelgate.app.PipelineBeans;
import io.modelgate.config.Settings;
import io.modelgate.db.Migrations;
import io.modelgate.support.PipelineHarness;
import io.modelgate.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Drives the real YAML routes of {@code routes/} through camel-main, wired by
 * {@link Pipeline#wire} as the jar wires them, with the beans of {@link PipelineBeans} on a
 * real PostgreSQL (one per test class) and folders of their own. Each test class names the
 * route files it loads.
 */
abstract class RouteTestSupport extends CamelMainTestSupport {
    protected static TestDatabase database;
    protected static Path root;
    protected PipelineBeans beans;

    @BeforeAll
    static void startDatabase() throws Exception {
        database = TestDatabase.start();
        new Migrations(database.dataSource()).migrate();
        root = Files.createTempDirectory("modelgate-routes");
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    /** The route files (names under routes/, without .camel.yaml) this test loads. */
    protected abstract List<String> routeFiles();

    protected Settings settings() {
        return Settings.defaultsWith(PipelineHarness.testSettings(database, root));
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        database.truncateAll();
        beans = new PipelineBeans(settings(), database.dataSource());
        Pipeline.wire(configuration, beans, routeFiles());
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        return Pipeline.camelProperties(settings());
    }
}
