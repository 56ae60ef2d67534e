package io.modelgate.run;

import io.modelgate.model.Assessment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** How a report and a log name the inputs a failing step leaves for the next run. */
final class InputNames {
    private InputNames() {
    }

    /**
     * What the report names as left: the artifacts of the failed step's body (one, or a scan
     * batch), else the inbox file, else the scan. The body may also be the scan's SQL or the
     * file before it was read, which would name nothing a person recognises.
     */
    static List<String> of(Object input, String fileName) {
        List<String> names = artifacts(input);
        if (names.isEmpty()) {
            names.add(fileName != null ? "file " + fileName : "the scan");
        }
        return names;
    }

    /** Whether the input is the scan as a whole: a step before its rows, or its read, failed. */
    static boolean isWholeScan(Object input, String fileName) {
        return fileName == null && artifacts(input).isEmpty();
    }

    private static List<String> artifacts(Object input) {
        List<String> names = new ArrayList<>();
        for (Object item : input instanceof Collection<?> batch ? batch : Collections.singletonList(input)) {
            if (item instanceof Assessment assessment) {
                names.add(assessment.toString());
            } else if (item instanceof Map<?, ?> row && row.get("id") != null) {
                names.add(String.valueOf(row.get("id")));
            }
        }
        return names;
    }
}
