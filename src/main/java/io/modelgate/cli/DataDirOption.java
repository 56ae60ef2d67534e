package io.modelgate.cli;

import io.modelgate.config.Settings;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the embedded PostgreSQL keeps its data across commands. */
final class DataDirOption implements SettingOptions {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory of the embedded PostgreSQL (modelgate.data-dir). Default: .modelgate/pgdata.")
    Path dataDir;

    @Override
    public void putInto(Map<String, String> flags) {
        flags.put(Settings.DATA_DIR, SettingOptions.text(dataDir));
    }
}
