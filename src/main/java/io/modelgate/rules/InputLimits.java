package io.modelgate.rules;

/** How big and how deep an input document may be before it is refused (E-LIMIT). */
public record InputLimits(int maxBytes, int maxDepth, int maxStringLength) {
}
