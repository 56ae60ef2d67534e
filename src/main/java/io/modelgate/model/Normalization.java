package io.modelgate.model;

import com.fasterxml.jackson.databind.JsonNode;

/** One change the normalizer made: old key and value to new key and value. */
public record Normalization(String fromKey, JsonNode fromValue, String toKey, JsonNode toValue) {
    @Override
    public String toString() {
        return fromKey + "=" + Json.compact(fromValue) + " -> " + toKey + "=" + Json.compact(toValue);
    }
}
