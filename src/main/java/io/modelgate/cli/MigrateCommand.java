package io.modelgate.cli;

import io.modelgate.db.Database;
import io.modelgate.db.Migrations;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply the database migrations and print the schema version. Re-running is a no-op.")
public final class MigrateCommand implements Callable<Integer> {
    @Mixin
    CatalogOptions options;

    @Override
    public Integer call() {
        try (Database database = Database.open(options.settings())) {
            Migrations migrations = new Migrations(database.dataSource());
            int applied = migrations.migrate();
            System.out.println("database: " + database.description());
            System.out.println("schema version " + migrations.currentVersion()
                    + (applied == 0 ? " (up to date, nothing applied)" : " (applied " + applied + " migration"
                    + (applied == 1 ? "" : "s") + ")"));
            return ModelgateCli.OK;
        }
    }
}
