package io.modelgate.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the Flyway migrations of {@code migrations/} (packed into the jar under the same name).
 * Forward-only; re-running is a no-op.
 *
 * <p>A database that already has the platform's {@code artifacts} table but no Flyway history is
 * baselined at version 1 first, so V1 never runs over the existing table; everything after V1
 * is then applied as usual.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    public static final String LOCATION = "classpath:migrations";
    public static final String HISTORY_TABLE = "flyway_schema_history";
    /** The newest migration in {@code migrations/}; MigrationsTest keeps the two the same. */
    public static final int NEWEST_VERSION = 14;

    private final DataSource dataSource;

    public Migrations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * What every command that uses the database does first: nothing when the history shows this
     * build's newest migration applied and none failed, else {@link #migrate}. Flyway is left
     * unloaded in the common case because loading it and reading the jar for its migrations takes
     * half a second of a short command's CPU; {@code modelgate migrate} always runs Flyway, which
     * also checks every applied migration against the jar's.
     */
    public int ensureMigrated() {
        return atNewestVersion() ? 0 : migrate();
    }

    /** Applies pending migrations and returns how many ran. */
    public int migrate() {
        if (!tableExists(HISTORY_TABLE) && tableExists("artifacts")) {
            LOG.info("existing artifacts table without migration history: baselining at version 1");
            flyway().baselineVersion(MigrationVersion.fromVersion("1"))
                    .baselineDescription("existing artifacts table").load().baseline();
        }
        return flyway().load().migrate().migrationsExecuted;
    }

    /** The schema version now in force, e.g. "5", or "none" before the first migration. */
    public String currentVersion() {
        var current = flyway().load().info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }

    private org.flywaydb.core.api.configuration.FluentConfiguration flyway() {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                // a schema holding other tables but no artifacts table gets every migration
                .baselineOnMigrate(true)
                .baselineVersion(MigrationVersion.fromVersion("0"));
    }

    private boolean atNewestVersion() {
        if (!tableExists(HISTORY_TABLE)) {
            return false;
        }
        // a version of more than one part (1.1) reads as a number too; a newer database goes to Flyway, which says so
        try {
            return ask("SELECT coalesce(bool_and(success), false) AND coalesce(max(version::numeric) = ?, false) FROM "
                    + HISTORY_TABLE + " WHERE version IS NOT NULL", NEWEST_VERSION);
        } catch (SQLException e) {
            // a history Flyway would not recognise either: Flyway tells what is wrong with it
            return false;
        }
    }

    private boolean tableExists(String table) {
        try {
            return ask("SELECT to_regclass(?) IS NOT NULL", table);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot read the database catalog: " + e.getMessage(), e);
        }
    }

    /** The yes or no of a one-row question with one parameter. */
    private boolean ask(String sql, Object parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
