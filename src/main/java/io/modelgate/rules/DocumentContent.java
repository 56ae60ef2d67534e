package io.modelgate.rules;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.modelgate.model.Text;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One walk over every key and value of an input document, before anything of it is kept, shown
 * or logged:
 * <ul>
 * <li>credentials in URLs (the user info of {@code https://bot:ghp_x@github.com/...}) are removed
 *     in place, in any string at any depth, and the fields they stood in are named;</li>
 * <li>numbers are put in the one form they keep end to end ({@link JsonNumbers});</li>
 * <li>the first key or value that cannot be kept as given is found: a NUL character (PostgreSQL
 *     cannot store it), a lone UTF-16 surrogate (not Unicode: it would be written as "?"), or a
 *     number {@link JsonNumbers#problem} refuses.</li>
 * </ul>
 * Pointers are worked out only for what is found, so a clean document costs one pass.
 */
public final class DocumentContent {
    /** The first key or value that cannot be kept: its JSON pointer and one sentence naming it. */
    public record Refusal(String pointer, String message) {
    }

    private final Refusal refusal;
    private final List<String> credentialsRemoved;

    private DocumentContent(Refusal refusal, List<String> credentialsRemoved) {
        this.refusal = refusal;
        this.credentialsRemoved = credentialsRemoved;
    }

    /** Walks the document, changing it in place (credentials removed, numbers in their one form). */
    public static DocumentContent inspect(ObjectNode document) {
        Walk walk = new Walk();
        walk.visit(document);
        return new DocumentContent(walk.refusal, List.copyOf(walk.credentialsRemoved));
    }

    /** The first key or value that cannot be kept as given, or null when there is none. */
    public Refusal refusal() {
        return refusal;
    }

    /** The pointers of the strings whose URLs had credentials, in document order. */
    public List<String> credentialsRemoved() {
        return credentialsRemoved;
    }

    /** The note for a field whose URL had credentials; it names the field, never the secret. */
    public static String credentialsNote(String pointer) {
        return "credentials were removed from the URL at " + Text.visible(pointer) + "; they are never stored";
    }

    private static final class Walk {
        /** The keys (String) and indexes (Integer) from the root to the node being visited. */
        private final Deque<Object> path = new ArrayDeque<>();
        private final List<String> credentialsRemoved = new ArrayList<>();
        private Refusal refusal;

        /** Visits a node; returns the node to put in its place, or null to leave it. */
        JsonNode visit(JsonNode node) {
            if (node.isObject()) {
                ObjectNode object = (ObjectNode) node;
                for (Map.Entry<String, JsonNode> field : object.properties()) {
                    path.addLast(field.getKey());
                    if (refusal == null) {
                        checkText(field.getKey(), "a key");
                    }
                    JsonNode replacement = visit(field.getValue());
                    if (replacement != null) {
                        // a new value for a key already there: the map's iteration goes on undisturbed
                        object.replace(field.getKey(), replacement);
                    }
                    path.removeLast();
                }
            } else if (node.isArray()) {
                ArrayNode array = (ArrayNode) node;
                for (int i = 0; i < array.size(); i++) {
                    path.addLast(i);
                    JsonNode replacement = visit(array.get(i));
                    if (replacement != null) {
                        array.set(i, replacement);
                    }
                    path.removeLast();
                }
            } else if (node.isTextual()) {
                String text = node.textValue();
                if (refusal == null) {
                    checkText(text, "a value");
                }
                String clean = withoutCredentials(text);
                if (clean != null) {
                    credentialsRemoved.add(pointer());
                    return TextNode.valueOf(clean);
                }
            } else if (node.isNumber()) {
                if (refusal == null) {
                    checkNumber(node);
                }
                return JsonNumbers.inStoredForm(node);
            }
            return null;
        }

        private void checkText(String text, String what) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\0') {
                    String at = pointer();
                    refusal = new Refusal(at, "the document holds a NUL character (\\u0000) at " + Text.visible(at)
                            + ", which PostgreSQL cannot store in text or jsonb");
                    return;
                }
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    // the pointer itself must be written out: its lone surrogates as escapes
                    String at = Text.validUnicode(pointer());
                    refusal = new Refusal(at, "the document holds a lone surrogate (\\u"
                            + String.format(Locale.ROOT, "%04x", (int) c) + ") in " + what + " at " + Text.visible(at)
                            + ", which is not a Unicode character: text must be valid Unicode");
                    return;
                }
            }
        }

        private void checkNumber(JsonNode number) {
            String problem;
            if (number.isInt() || number.isLong()) {
                // within a double's range and at most 20 characters: nothing to check
                return;
            } else if (!number.isIntegralNumber() && !number.isBigDecimal() && !Double.isFinite(number.doubleValue())) {
                problem = "is not a number JSON can hold";
            } else {
                BigDecimal value = number.isIntegralNumber() ? new BigDecimal(number.bigIntegerValue()) : number.decimalValue();
                problem = JsonNumbers.problem(value);
            }
            if (problem != null) {
                String at = pointer();
                refusal = new Refusal(at, "the number " + Text.shortened(number.asText()) + " at " + Text.visible(at)
                        + " " + problem);
            }
        }

        private String pointer() {
            JsonPointer pointer = JsonPointer.empty();
            for (Object step : path) {
                pointer = step instanceof Integer index ? pointer.appendIndex(index) : pointer.appendProperty((String) step);
            }
            return pointer.toString();
        }
    }

    /**
     * The text with the user info of every URL in it removed ({@code https://bot:secret@host/x}
     * becomes {@code https://host/x}, {@code https://token@host/} becomes {@code https://host/}),
     * or null when no URL in it has any. A URL is found anywhere in the text, not only as the
     * whole of it; its authority ends at the first {@code / ? # \}, white space, quote or angle
     * bracket, and the user info is all of the authority up to its last {@code @}.
     */
    public static String withoutCredentials(String text) {
        int separator = text.indexOf("://");
        if (separator < 0) {
            return null;
        }
        StringBuilder clean = null;
        int copied = 0;
        while (separator >= 0) {
            int authority = separator + 3;
            int end = authority;
            while (end < text.length() && !endsAuthority(text.charAt(end))) {
                end++;
            }
            int at = text.lastIndexOf('@', end - 1);
            if (at > authority && separator > 0 && isSchemeCharacter(text.charAt(separator - 1))) {
                if (clean == null) {
                    clean = new StringBuilder(text.length());
                }
                clean.append(text, copied, authority);
                copied = at + 1;
            }
            separator = text.indexOf("://", Math.max(end, authority));
        }
        return clean == null ? null : clean.append(text, copied, text.length()).toString();
    }

    private static boolean endsAuthority(char c) {
        return c == '/' || c == '?' || c == '#' || c == '\\' || c == '"' || c == '\'' || c == '<' || c == '>'
                || c == '`' || Character.isWhitespace(c) || Character.isISOControl(c);
    }

    private static boolean isSchemeCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.';
    }
}
