package io.modelgate.cli;

import io.modelgate.config.Settings;
import java.util.Map;
import picocli.CommandLine.Option;

/** Which PostgreSQL a command uses: an external one, or none named for the embedded default. */
final class DatabaseOptions implements SettingOptions {
    @Option(names = "--db-url", paramLabel = "URL",
            description = "JDBC URL of an external PostgreSQL (modelgate.db.url, MODELGATE_DB_URL)."
                    + " Default: none, the embedded PostgreSQL.")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user (modelgate.db.user, MODELGATE_DB_USER).")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD",
            description = "Database password (modelgate.db.password, MODELGATE_DB_PASSWORD). Never logged.")
    String dbPassword;

    @Override
    public void putInto(Map<String, String> flags) {
        flags.put(Settings.DB_URL, dbUrl);
        flags.put(Settings.DB_USER, dbUser);
        flags.put(Settings.DB_PASSWORD, dbPassword);
    }
}
