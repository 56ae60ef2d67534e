package io.modelgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.model.Assessment;
import io.modelgate.model.Channel;
import io.modelgate.model.Json;
import io.modelgate.model.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A file that is not JSON is refused in one plain sentence, never in the JSON parser's own words. */
class ParseErrorsTest {
    private static final List<String> LIBRARY_WORDS = List.of("com.fasterxml", "Feature", "JsonReadFeature",
            "enable `", "Jackson", "JsonNode", "JsonToken", "START_OBJECT", "VALUE_", "[Source", "REDACTED", "CTRL-CHAR",
            "StreamReadConstraints", "code 39", "(code");
    /** A Java class name: a dotted lower-case package before a capitalized name, or a backquoted type. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b[a-z]+(\\.[a-z0-9]+)+\\.[A-Z]\\w+|`[^`]*`");

    private final EnvelopeReader reader = new EnvelopeReader(new InputLimits(1 << 20, 16, 1000));

    private Reason refusal(String text) {
        Assessment a = reader.fromFile("f.json", text.getBytes(StandardCharsets.UTF_8));
        assertThat(a.channel()).as(text).isEqualTo(Channel.FAILED);
        return a.reasons().get(0);
    }

    static List<Arguments> malformed() {
        return List.of(
                Arguments.of("{\"id\": \"a\"}\n{\"id\": \"b\"}",
                        "the file holds more than one JSON value: a second one starts at line 2, column 1"),
                Arguments.of("{\"id\": \"a\"} 7",
                        "the file holds more than one JSON value: a second one starts at line 1, column 13"),
                Arguments.of("{\"auc\": NaN}", "the file is not valid UTF-8 JSON at line 1, column 12: NaN is not a JSON number"),
                Arguments.of("{\"auc\": Infinity}",
                        "the file is not valid UTF-8 JSON at line 1, column 17: Infinity is not a JSON number"),
                Arguments.of("{\"auc\": -Infinity}",
                        "the file is not valid UTF-8 JSON at line 1, column 18: -Infinity is not a JSON number"),
                Arguments.of("{\n  // a comment\n  \"id\": \"a\"}",
                        "the file is not valid UTF-8 JSON at line 2, column 3: JSON has no comments"),
                Arguments.of("{/* a comment */ \"id\": \"a\"}",
                        "the file is not valid UTF-8 JSON at line 1, column 2: JSON has no comments"),
                Arguments.of("{'id': 'a'}", "the file is not valid UTF-8 JSON at line 1, column 2:"
                        + " keys and strings must be in double quotes, not single quotes"),
                Arguments.of("{\"id\": 'a'}", "the file is not valid UTF-8 JSON at line 1, column 8:"
                        + " keys and strings must be in double quotes, not single quotes"),
                Arguments.of("{id: \"a\"}",
                        "the file is not valid UTF-8 JSON at line 1, column 2: a key must be in double quotes"),
                Arguments.of("{\"title\": \"a\tb\"}", "the file is not valid UTF-8 JSON at line 1, column 13:"
                        + " a string holds a raw control character (U+0009); write it as an escape (\\u0009)"),
                Arguments.of("", "the file is empty: it must hold one JSON object"),
                Arguments.of("  \n ", "the file is empty: it must hold one JSON object"),
                Arguments.of("{\"id\": \"a\", \"metadata\": {", "the file is not valid UTF-8 JSON at line 1, column 26:"
                        + " the file ends before an object is closed: a } is missing"),
                Arguments.of("{\"id\": \"a", "the file is not valid UTF-8 JSON at line 1, column 10:"
                        + " the file ends inside a string: its closing double quote is missing"),
                Arguments.of("[1, 2", "the file is not valid UTF-8 JSON at line 1, column 6:"
                        + " the file ends before an array is closed: a ] is missing"),
                Arguments.of("{\"a\": 1,}",
                        "the file is not valid UTF-8 JSON at line 1, column 9: a comma cannot stand right before }"),
                Arguments.of("[1,]", "the file is not valid UTF-8 JSON at line 1, column 4: a value is missing before ]"),
                Arguments.of("{\"a\": True}", "the file is not valid UTF-8 JSON at line 1, column 11: a word there is not"
                        + " JSON: text must be in double quotes, and true, false and null are written in lower case"),
                Arguments.of("{\"a\": 07}", "the file is not valid UTF-8 JSON at line 1, column 8:"
                        + " a number cannot start with 0 unless it is 0 or 0.something (write 7, not 07)"),
                Arguments.of("{\"a\": +1}",
                        "the file is not valid UTF-8 JSON at line 1, column 8: a JSON number cannot start with +"),
                Arguments.of("{\"a\": .5}", "the file is not valid UTF-8 JSON at line 1, column 7:"
                        + " a number must start with a digit (write 0.5, not .5)"),
                Arguments.of("{\"a\": 1.}", "the file is not valid UTF-8 JSON at line 1, column 8:"
                        + " a decimal point must be followed by a digit (write 1.0, not 1.)"),
                Arguments.of("{\"a\": \"\\x\"}", "the file is not valid UTF-8 JSON at line 1, column 9: a backslash"
                        + " in a string starts an escape JSON does not know (JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t"
                        + " and \\u followed by four hex digits)"),
                Arguments.of("{\"a\": \"\\u12\"}", "the file is not valid UTF-8 JSON at line 1, column 12:"
                        + " \\u in a string must be followed by four hex digits"),
                Arguments.of("{\"a\": 1 \"b\": 2}", "the file is not valid UTF-8 JSON at line 1, column 9:"
                        + " a comma is missing between two entries of an object"),
                Arguments.of("[1 2]", "the file is not valid UTF-8 JSON at line 1, column 4:"
                        + " a comma is missing between two values of an array"),
                Arguments.of("{\"a\" 1}", "the file is not valid UTF-8 JSON at line 1, column 6: a key must be followed by a colon"),
                Arguments.of("{\"a\": [1}", "the file is not valid UTF-8 JSON at line 1, column 9:"
                        + " } stands where the open array needs its ]"),
                Arguments.of("]", "the file is not valid UTF-8 JSON at line 1, column 1: ] closes nothing: there is no open array"),
                Arguments.of("<html></html>", "the file is not valid UTF-8 JSON at line 1, column 1:"
                        + " '<' cannot start a JSON value (one starts with {, [, \", a digit, -, true, false or null)"),
                Arguments.of("\u00a0{}", "the file is not valid UTF-8 JSON at line 1, column 1:"
                        + " U+00A0 cannot start a JSON value (one starts with {, [, \", a digit, -, true, false or null)"),
                Arguments.of("{\"a\": 1}\u0001", "the file is not valid UTF-8 JSON at line 1, column 10: a control"
                        + " character (U+0001) stands between values, where only spaces, tabs and line breaks may"),
                Arguments.of("{\"id\": \"a\", \"id\": \"b\"}", "the file is not valid UTF-8 JSON at line 1, column 17:"
                        + " the key \"id\" appears twice in one object"),
                Arguments.of("{\"a\": " + "9".repeat(100_000) + "}", "the document holds a number of more than 1000 digits"),
                Arguments.of("{\"a\": 0." + "1".repeat(2000) + "}", "the document holds a number of more than 1000 digits"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void eachKindOfBrokenJsonIsToldInOnePlainSentence(String text, String sentence) {
        Reason reason = refusal(text);
        assertThat(reason.message()).isEqualTo(sentence);
        assertThat(reason.code()).isEqualTo(sentence.startsWith("the document holds a number") ? "E-LIMIT" : "E-PARSE");
    }

    @Test
    void noRefusalNamesTheParserItsFeaturesOrAJavaClass() {
        List<String> documents = new java.util.ArrayList<>(malformed().stream().map(a -> (String) a.get()[0]).toList());
        documents.addAll(List.of("{\"a\": 1e}", "{\"a\": -}", "{\"a\": tru}", "{\"a\": undefined}", "{\"a\": INF}",
                "{\"a\": +Infinity}", "# yaml comment\n{}", "{\"a\u0000\": 1}", "{\"a\": \"\\", "{\"a\": 1]", "[}",
                "{\"a\": [1, 2}", "{\"a\":\"b\"}}", "\ufeff\ufeff{}", "{\"" + "k".repeat(60_000) + "\": 1}",
                "[".repeat(40) + "]".repeat(40), "{\"a\": \"" + "x".repeat(2000) + "\"}"));
        for (String document : documents) {
            Reason reason = refusal(document);
            assertThat(reason.code()).as(document).isIn("E-PARSE", "E-LIMIT");
            String message = reason.message();
            assertThat(message).as(document).doesNotContain(LIBRARY_WORDS).doesNotContain("\n");
            assertThat(CLASS_NAME.matcher(message).find()).as(message).isFalse();
            assertThat(message.length()).as(message).isLessThan(220);
        }
    }

    @Test
    void limitsAreNamedByWhatTheyLimit() {
        EnvelopeReader defaults = new EnvelopeReader(new InputLimits(1 << 20, 64, 65536));
        Assessment longKey = defaults.fromFile("f.json", ("{\"" + "k".repeat(60_000) + "\": 1}").getBytes(StandardCharsets.UTF_8));
        assertThat(longKey.reasons().get(0).message()).isEqualTo("the document holds a key longer than 50000 characters");
        // longer than the string limit too: the parser would call it a string
        Assessment longNumber = defaults.fromFile("f.json", ("{\"a\": [\"" + "1".repeat(100) + "\", "
                + "9".repeat(100_000) + "]}").getBytes(StandardCharsets.UTF_8));
        assertThat(longNumber.reasons().get(0).toString())
                .isEqualTo(new Reason("E-LIMIT", "the document holds a number of more than 1000 digits").toString());
        assertThat(refusal("{\"a\": \"" + "1".repeat(2000) + "\"}").message())
                .isEqualTo("the document holds a string longer than 1000 characters (modelgate.input.max-string-length)");
        assertThat(refusal("{\"a\": \"" + "x".repeat(2000) + "\"}").message())
                .isEqualTo("the document holds a string longer than 1000 characters (modelgate.input.max-string-length)");
        assertThat(refusal("[".repeat(40) + "]".repeat(40)).message())
                .isEqualTo("the document is nested deeper than 16 levels (modelgate.input.max-depth)");
    }

    @Test
    void unreadableMetadataFromTheDatabaseIsToldInPlainWordsToo() {
        var columns = Json.object().put("id", "model-db").put("artifact_type", "model").put("title", "T");
        Assessment a = reader.fromDatabaseRow(columns, "{\"a\": NaN}");
        assertThat(a.reasons()).extracting(Reason::toString).containsExactly(
                new Reason("E-PARSE", "the metadata cannot be read as JSON at line 1, column 10: NaN is not a JSON number").toString());
        assertThat(a.id()).isEqualTo("model-db");
    }
}
