package io.modelgate.cli;

import io.modelgate.config.Settings;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The folder ops drop model-artifact files into. */
final class InboxOption implements SettingOptions {
    @Option(names = "--inbox", paramLabel = "DIR", description = "Inbox directory (modelgate.inbox). Default: inbox.")
    Path inbox;

    @Override
    public void putInto(Map<String, String> flags) {
        flags.put(Settings.INBOX, SettingOptions.text(inbox));
    }
}
