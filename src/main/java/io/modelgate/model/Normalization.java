package io.modelgate.model;

import com.fasterxml.jackson.databind.JsonNode;

/** One change the normalizer made: old key and value to new key and value. */
public record Normalization(String fromKey, JsonNode fromValue, String toKey, JsonNode toValue) {
    @Override
    public String toString() {
        String from = Json.compact(fromValue);
        // a value that only moved to its key (an alias renamed) is the same node: its text is written once
        String to = toValue == fromValue ? from : Json.compact(toValue);
        return fromKey + "=" + from + " -> " + toKey + "=" + to;
    }
}
