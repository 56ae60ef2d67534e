package io.modelgate.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Every setting of modelgate, resolved in one place. The keys and their defaults live in
 * {@code application.properties} (packed into the jar); a {@code --config} file overrides them,
 * environment variables override that ({@code modelgate.db.url} is read from
 * {@code MODELGATE_DB_URL}), and command-line flags override everything.
 */
public final class Settings {
    public static final String DEFAULTS_RESOURCE = "application.properties";

    public static final String DB_URL = "modelgate.db.url";
    public static final String DB_USER = "modelgate.db.user";
    public static final String DB_PASSWORD = "modelgate.db.password";
    public static final String DB_POOL_SIZE = "modelgate.db.pool-size";
    public static final String DB_CONNECT_TIMEOUT = "modelgate.db.connect-timeout-seconds";
    public static final String DB_AWAY_SECONDS = "modelgate.db.away-seconds";
    public static final String DB_RETRIES = "modelgate.db.retries";
    public static final String DB_RETRY_DELAY_MILLIS = "modelgate.db.retry-delay-millis";
    public static final String DATA_DIR = "modelgate.data-dir";
    public static final String INBOX = "modelgate.inbox";
    public static final String REVIEW_QUEUE = "modelgate.review-queue";
    public static final String REPORT = "modelgate.report";
    public static final String SUMMARY_JSON = "modelgate.summary-json";
    public static final String LOG_FORMAT = "modelgate.log.format";
    public static final String CLUSTER_DIRECTORY = "modelgate.cluster.directory";
    public static final String HEALTH_PORT = "modelgate.health.port";
    public static final String HEALTH_HOST = "modelgate.health.host";
    public static final String CLUSTER_LEASE_MILLIS = "modelgate.cluster.lease-millis";
    public static final String MAX_BYTES = "modelgate.input.max-bytes";
    public static final String MAX_DEPTH = "modelgate.input.max-depth";
    public static final String MAX_STRING_LENGTH = "modelgate.input.max-string-length";
    public static final String EVAL_GATE_FAMILIES = "modelgate.policy.eval-gate-families";
    public static final String SCAN_CRON = "modelgate.scan.cron";
    public static final String SCAN_OVERLAP_SECONDS = "modelgate.scan.overlap-seconds";
    public static final String SCAN_BATCH_SIZE = "modelgate.scan.batch-size";
    public static final String SCAN_WORKERS = "modelgate.scan.workers";
    public static final String CLAIM_RELEASE_MILLIS = "modelgate.inbox.claim-release-millis";
    public static final String INBOX_BATCH_SIZE = "modelgate.inbox.batch-size";
    public static final String CLAIM_EXPIRY_MILLIS = "modelgate.inbox.claim-expiry-millis";
    public static final String CLAIM_REFRESH_MILLIS = "modelgate.inbox.claim-refresh-millis";
    public static final String POLL_TIMEOUT_SECONDS = "modelgate.inbox.poll-timeout-seconds";
    public static final String SCAN_FETCH_SIZE = "modelgate.scan.fetch-size";

    private final Properties values;

    private Settings(Properties values) {
        this.values = values;
    }

    /**
     * Resolves the settings.
     *
     * @param configFile optional file overriding the defaults
     * @param environment the process environment (or a test's stand-in)
     * @param flags values given on the command line, by property key; null values are ignored
     */
    public static Settings resolve(Path configFile, Map<String, String> environment, Map<String, String> flags) {
        Properties values = loadDefaults();
        if (configFile != null) {
            values.putAll(loadFile(configFile));
        }
        for (String key : values.stringPropertyNames()) {
            String fromEnv = environment.get(environmentName(key));
            if (fromEnv != null) {
                values.setProperty(key, fromEnv);
            }
        }
        flags.forEach((key, value) -> {
            if (value != null) {
                values.setProperty(key, value);
            }
        });
        Settings settings = new Settings(values);
        settings.check();
        return settings;
    }

    /** Settings with nothing but the defaults and the given overrides (for tests and tools). */
    public static Settings defaultsWith(Map<String, String> overrides) {
        return resolve(null, Map.of(), overrides);
    }

    /** {@code modelgate.db.url} -> {@code MODELGATE_DB_URL}. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public String get(String key) {
        String value = values.getProperty(key);
        return value == null ? "" : value.trim();
    }

    public boolean isSet(String key) {
        return !get(key).isEmpty();
    }

    public int getInt(String key) {
        String value = get(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key + " must be a whole number, got '" + value + "'");
        }
    }

    public Path getPath(String key) {
        return Path.of(get(key));
    }

    public List<String> getList(String key) {
        return Arrays.stream(get(key).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    /** True when no external database is configured: the embedded PostgreSQL is used. */
    public boolean usesEmbeddedDatabase() {
        return !isSet(DB_URL);
    }

    /** The settings Camel's property placeholders see: all but the database password. */
    public Properties asProperties() {
        Properties copy = new Properties();
        copy.putAll(values);
        copy.remove(DB_PASSWORD);
        return copy;
    }

    private void check() {
        for (String key : List.of(DB_POOL_SIZE, DB_CONNECT_TIMEOUT, MAX_BYTES, MAX_DEPTH, MAX_STRING_LENGTH,
                SCAN_BATCH_SIZE, SCAN_WORKERS, INBOX_BATCH_SIZE, CLAIM_EXPIRY_MILLIS, CLAIM_REFRESH_MILLIS,
                POLL_TIMEOUT_SECONDS, SCAN_FETCH_SIZE, DB_AWAY_SECONDS, "modelgate.inbox.read-lock-timeout-millis",
                CLUSTER_LEASE_MILLIS)) {
            if (getInt(key) <= 0) {
                throw new ConfigurationException(key + " must be greater than 0, got " + get(key));
            }
        }
        if (getInt(HEALTH_PORT) < 0 || getInt(HEALTH_PORT) > 65535) {
            throw new ConfigurationException(HEALTH_PORT + " must be a port from 1 to 65535, or 0 for none, got " + get(HEALTH_PORT));
        }
        if (!org.quartz.CronExpression.isValidExpression(get(SCAN_CRON))) {
            throw new ConfigurationException(SCAN_CRON + " is not a Quartz cron expression (seconds minutes hours"
                    + " day-of-month month day-of-week, for example 0 0/15 * * * ?): \"" + get(SCAN_CRON) + "\"");
        }
        if (!List.of("plain", "json").contains(get(LOG_FORMAT))) {
            throw new ConfigurationException(LOG_FORMAT + " (--log-format) must be plain or json, got \"" + get(LOG_FORMAT) + "\"");
        }
        if (getInt(SCAN_OVERLAP_SECONDS) < 0) {
            throw new ConfigurationException(SCAN_OVERLAP_SECONDS + " must be 0 or more, got " + get(SCAN_OVERLAP_SECONDS));
        }
        if (!usesEmbeddedDatabase() && !get(DB_URL).startsWith("jdbc:postgresql:")) {
            throw new ConfigurationException(DB_URL + " must be a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DB)");
        }
    }

    private static Properties loadDefaults() {
        Properties defaults = new Properties();
        try (InputStream in = Settings.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the classpath");
            }
            defaults.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS_RESOURCE, e);
        }
        return defaults;
    }

    private static Properties loadFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("config file " + file + " does not exist");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigurationException("config file " + file + " cannot be read: " + e.getMessage());
        }
        return properties;
    }
}
