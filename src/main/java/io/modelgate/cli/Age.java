package io.modelgate.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An age as people write and read it in a terminal: {@code 45m}, {@code 5h}, {@code 3d}, {@code 2w}. */
final class Age {
    private static final Pattern WRITTEN = Pattern.compile("([0-9]{1,6})([mhdw])");

    private Age() {
    }

    /**
     * The duration an option names, such as {@code --older-than 2d}.
     *
     * @throws picocli.CommandLine.ParameterException in one sentence, when it is not one
     */
    static Duration parse(picocli.CommandLine commandLine, String option, String written) {
        Matcher age = WRITTEN.matcher(written == null ? "" : written.strip());
        if (!age.matches()) {
            throw new picocli.CommandLine.ParameterException(commandLine, option + " takes an age such as 45m, 5h, 2d or 1w,"
                    + " not \"" + written + "\"");
        }
        long count = Long.parseLong(age.group(1));
        return switch (age.group(2)) {
            case "m" -> Duration.ofMinutes(count);
            case "h" -> Duration.ofHours(count);
            case "d" -> Duration.ofDays(count);
            default -> Duration.ofDays(7 * count);
        };
    }

    /** How old something is, in its largest whole unit: {@code 3d}, {@code 5h}, {@code 12m}. */
    static String of(Duration age) {
        Duration positive = age.isNegative() ? Duration.ZERO : age;
        if (positive.toDays() > 0) {
            return positive.toDays() + "d";
        }
        if (positive.toHours() > 0) {
            return positive.toHours() + "h";
        }
        return positive.toMinutes() + "m";
    }
}
