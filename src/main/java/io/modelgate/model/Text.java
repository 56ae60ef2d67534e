package io.modelgate.model;

/** Short forms of text for messages: a value cut to a readable length, an error's first line. */
public final class Text {
    private static final int SHORT = 60;

    private Text() {
    }

    /** The text, cut to 60 characters with "..." when longer. */
    public static String shortened(String text) {
        return text.length() <= SHORT ? text : text.substring(0, SHORT - 3) + "...";
    }

    /** The first line of a message, stripped; {@code whenNone} when there is no message. */
    public static String firstLine(String message, String whenNone) {
        if (message == null) {
            return whenNone;
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
