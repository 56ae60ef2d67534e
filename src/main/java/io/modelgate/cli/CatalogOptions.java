package io.modelgate.cli;

import io.modelgate.config.Settings;
import io.modelgate.db.Database;
import io.modelgate.db.Migrations;
import picocli.CommandLine.Mixin;

/** The options of a command that uses the database only: the configuration, and which PostgreSQL. */
public final class CatalogOptions {
    @Mixin
    ConfigOptions config;

    @Mixin
    DatabaseOptions database;

    @Mixin
    DataDirOption dataDir;

    /** Resolves the settings: defaults, then --config, then environment, then these flags and those of {@code more}. */
    Settings settings(SettingOptions... more) {
        SettingOptions[] groups = new SettingOptions[more.length + 2];
        groups[0] = database;
        groups[1] = dataDir;
        System.arraycopy(more, 0, groups, 2, more.length);
        return config.settings(groups);
    }

    /** The database of these settings, its migrations applied, as every command that uses it starts. */
    static Database openMigrated(Settings settings) {
        Database database = Database.open(settings);
        try {
            new Migrations(database.dataSource()).ensureMigrated();
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }
}
