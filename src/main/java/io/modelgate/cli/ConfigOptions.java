package io.modelgate.cli;

import io.modelgate.config.Settings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command takes: the properties file, and the form of the log lines. */
final class ConfigOptions implements SettingOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file overriding the defaults of application.properties.")
    Path config;

    @Option(names = "--log-format", paramLabel = "FORMAT",
            description = "plain (default) or json: one JSON object per log line (modelgate.log.format,"
                    + " MODELGATE_LOG_FORMAT).")
    String logFormat;

    @Override
    public void putInto(Map<String, String> flags) {
        flags.put(Settings.LOG_FORMAT, logFormat);
    }

    /** Resolves the settings: defaults, then --config, then environment, then the flags of these groups. */
    Settings settings(SettingOptions... groups) {
        Map<String, String> flags = new HashMap<>();
        putInto(flags);
        for (SettingOptions group : groups) {
            group.putInto(flags);
        }
        Settings settings = Settings.resolve(config, System.getenv(), flags);
        // the log format takes effect as soon as the settings are known, before any work is done
        LogConfiguration.useFormat(settings.get(Settings.LOG_FORMAT));
        return settings;
    }
}
