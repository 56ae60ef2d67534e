package io.modelgate.cli;

import io.modelgate.config.Settings;
import picocli.CommandLine.Mixin;

/**
 * The options of the commands that read the catalog and the review queue (status, review,
 * history): the configuration, which PostgreSQL, and the review queue. Each is also a property
 * and an environment variable.
 */
public final class CommonOptions {
    @Mixin
    CatalogOptions catalog;

    @Mixin
    ReviewQueueOption reviewQueue;

    /** Resolves the settings: defaults, then --config, then environment, then these flags and those of {@code more}. */
    public Settings settings(SettingOptions... more) {
        SettingOptions[] groups = new SettingOptions[more.length + 1];
        groups[0] = reviewQueue;
        System.arraycopy(more, 0, groups, 1, more.length);
        return catalog.settings(groups);
    }
}
