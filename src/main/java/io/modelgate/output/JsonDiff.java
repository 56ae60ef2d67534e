package io.modelgate.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelgate.model.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What changed between two JSON documents, field by field, as a person reads it: one line per
 * added ({@code +}), removed ({@code -}) or changed ({@code ~}) field, named by its JSON pointer.
 * Objects are compared field by field; arrays and other values as a whole.
 */
public final class JsonDiff {
    private JsonDiff() {
    }

    public static List<String> lines(String before, String after) {
        List<String> lines = new ArrayList<>();
        compare("", before == null ? null : Json.parse(before), after == null ? null : Json.parse(after), lines);
        return lines;
    }

    private static void compare(String pointer, JsonNode before, JsonNode after, List<String> lines) {
        if (before != null && after != null && before.isObject() && after.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            before.fieldNames().forEachRemaining(names::add);
            after.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                compare(pointer + "/" + name.replace("~", "~0").replace("/", "~1"), before.get(name), after.get(name), lines);
            }
        } else if (before == null && after != null) {
            lines.add("+ " + shown(pointer) + ": " + Json.compact(after));
        } else if (before != null && after == null) {
            lines.add("- " + shown(pointer) + ": " + Json.compact(before));
        } else if (before != null && !before.equals(after)) {
            lines.add("~ " + shown(pointer) + ": " + Json.compact(before) + " -> " + Json.compact(after));
        }
    }

    private static String shown(String pointer) {
        return pointer.isEmpty() ? "/" : pointer;
    }
}
