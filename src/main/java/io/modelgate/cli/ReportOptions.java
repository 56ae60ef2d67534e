package io.modelgate.cli;

import io.modelgate.config.Settings;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where a run writes its report and its summary JSON. */
final class ReportOptions implements SettingOptions {
    @Option(names = "--report", paramLabel = "FILE",
            description = "Markdown report of the run (modelgate.report). Default: reports/<run id>.md.")
    Path report;

    @Option(names = "--summary-json", paramLabel = "FILE",
            description = "Extra copy of the run's summary JSON (modelgate.summary-json);"
                    + " one is always written beside the report as <report>.json.")
    Path summaryJson;

    @Override
    public void putInto(Map<String, String> flags) {
        flags.put(Settings.REPORT, SettingOptions.text(report));
        flags.put(Settings.SUMMARY_JSON, SettingOptions.text(summaryJson));
    }
}
