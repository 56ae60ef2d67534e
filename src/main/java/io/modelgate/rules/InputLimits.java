package io.modelgate.rules;

import io.modelgate.config.Settings;

/** How big and how deep an input document may be before it is refused (E-LIMIT). */
public record InputLimits(int maxBytes, int maxDepth, int maxStringLength) {
    public static InputLimits from(Settings settings) {
        return new InputLimits(settings.getInt(Settings.MAX_BYTES), settings.getInt(Settings.MAX_DEPTH),
                settings.getInt(Settings.MAX_STRING_LENGTH));
    }
}
