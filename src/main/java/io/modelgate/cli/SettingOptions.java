package io.modelgate.cli;

import java.nio.file.Path;
import java.util.Map;

/** A group of command-line options that stand for settings: it puts the values given under their property names. */
interface SettingOptions {
    void putInto(Map<String, String> flags);

    static String text(Path path) {
        return path == null ? null : path.toString();
    }
}
