package io.modelgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.model.Assessment;
import io.modelgate.model.Channel;
import io.modelgate.model.FieldError;
import io.modelgate.model.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeReaderTest {
    private final EnvelopeReader reader = new EnvelopeReader(new InputLimits(2048, 8, 100));

    private Assessment read(String json) {
        return reader.fromFile("f.json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static String reason(Assessment a) {
        return a.reasons().get(0).code() + " " + a.reasons().get(0).message();
    }

    @Test
    void aGoodEnvelopeIsRead() {
        Assessment a = read("{\"id\": \"model-1\", \"artifact_type\": \"model\", \"title\": \"T\", \"metadata\": {}}");
        assertThat(a.channel()).isNull();
        assertThat(a.id()).isEqualTo("model-1");
        assertThat(a.title()).isEqualTo("T");
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedWithoutReadingItAll() throws IOException {
        byte[] big = ("{\"id\": \"m\", \"pad\": \"" + "x".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8);
        Assessment a = reader.fromFile("big.json", new ByteArrayInputStream(big));
        assertThat(a.channel()).isEqualTo(Channel.FAILED);
        assertThat(reason(a)).startsWith("E-LIMIT the file is over the size limit of 2048 bytes");
    }

    @Test
    void deepNestingAndLongStringsAreRefused() {
        assertThat(reason(read("{\"id\": \"m\", \"a\": " + "[".repeat(20) + "]".repeat(20) + "}")))
                .isEqualTo("E-LIMIT the document is nested deeper than 8 levels (modelgate.input.max-depth)");
        assertThat(reason(read("{\"id\": \"" + "m".repeat(200) + "\"}")))
                .isEqualTo("E-LIMIT the document holds a string longer than 100 characters (modelgate.input.max-string-length)");
    }

    @Test
    void textThatIsNotUtf8JsonIsAParseError() {
        byte[] latin1 = "{\"id\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(reason(reader.fromFile("f.json", latin1))).startsWith("E-PARSE the file is not UTF-8 text");
        String good = "{\"id\": \"m\", \"artifact_type\": \"model\", \"title\": \"T\", \"metadata\": {}}";
        assertThat(reason(reader.fromFile("f.json", good.getBytes(StandardCharsets.UTF_16)))).startsWith("E-PARSE");
        assertThat(reason(reader.fromFile("f.json", good.getBytes(StandardCharsets.UTF_16LE)))).startsWith("E-PARSE");
        assertThat(reader.fromFile("f.json", ("\uFEFF" + good).getBytes(StandardCharsets.UTF_8)).channel()).isNull();
        assertThat(reason(read(""))).startsWith("E-PARSE the file is empty");
        assertThat(reason(read("{\"id\": \"m\"} trailing"))).startsWith("E-PARSE");
        assertThat(reason(read("{\"id\": \"a\", \"id\": \"b\"}"))).startsWith("E-PARSE").endsWith("the key \"id\" appears twice in one object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"model\"", "42", "null"})
    void aDocumentThatIsNotAnObjectIsRefused(String json) {
        Assessment a = read(json);
        assertThat(a.reasons()).extracting(Reason::code).containsExactly("E-ENVELOPE");
        assertThat(a.errors()).extracting(FieldError::path).containsExactly("");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"../etc/passwd\"", "\"\"", "\"-starts-with-dash\"", "\"has space\"", "7"})
    void unusableIdsAreRefusedSoNoFileNameIsBuiltFromThem(String id) {
        Assessment a = read("{\"id\": " + id + ", \"artifact_type\": \"model\", \"title\": \"T\", \"metadata\": {}}");
        assertThat(a.errors()).extracting(FieldError::path).containsExactly("/id");
        assertThat(a.id()).isNull();
    }

    @Test
    void typeTitleAndMetadataAreChecked() {
        assertThat(read("{\"id\": \"m\", \"artifact_type\": \"paper\", \"title\": \"T\", \"metadata\": {}}").errors())
                .extracting(FieldError::toString).containsExactly("/artifact_type: artifact_type must be \"model\", got \"paper\"");
        assertThat(read("{\"id\": \"m\", \"artifact_type\": \"model\", \"title\": \" \", \"metadata\": {}}").errors())
                .extracting(FieldError::path).containsExactly("/title");
        assertThat(read("{\"id\": \"m\", \"artifact_type\": \"model\", \"title\": \"T\", \"metadata\": \"{}\"}").errors())
                .extracting(FieldError::toString).containsExactly("/metadata: metadata must be a JSON object, not a string");
    }

    @Test
    void metadataFromTheDatabaseIsReadUnderTheSameLimits() {
        var columns = io.modelgate.model.Json.object().put("id", "model-db").put("artifact_type", "model").put("title", "T");
        Assessment deep = reader.fromDatabaseRow(columns.deepCopy(), "{\"a\": " + "[".repeat(20) + "]".repeat(20) + "}");
        assertThat(reason(deep)).startsWith("E-LIMIT the metadata is nested deeper than 8 levels");
        assertThat(deep.id()).isEqualTo("model-db");
        Assessment big = reader.fromDatabaseRow(columns.deepCopy(), "{\"pad\": \"" + "x".repeat(3000) + "\"}");
        assertThat(reason(big)).startsWith("E-LIMIT the metadata is over the size limit");
        Assessment fine = reader.fromDatabaseRow(columns.deepCopy(), "{\"model_family\": \"mlp\"}");
        assertThat(fine.channel()).isNull();
        assertThat(fine.metadata().get("model_family").asText()).isEqualTo("mlp");
    }

    @Test
    void aNulCharacterPostgresqlCannotStoreIsNamedByItsPointer() {
        Assessment inValue = read("{\"id\": \"model-1\", \"artifact_type\": \"model\", \"title\": \"T\","
                + " \"metadata\": {\"notes\": [\"ok\", \"a\\u0000b\"]}}");
        assertThat(inValue.channel()).isEqualTo(Channel.FAILED);
        assertThat(inValue.id()).isEqualTo("model-1");
        assertThat(reason(inValue)).isEqualTo("E-PARSE the document holds a NUL character (\\u0000) at /metadata/notes/1,"
                + " which PostgreSQL cannot store in text or jsonb");
        assertThat(inValue.errors()).extracting(FieldError::path).containsExactly("/metadata/notes/1");

        Assessment inKey = read("{\"id\": \"model-1\", \"artifact_type\": \"model\", \"title\": \"T\","
                + " \"metadata\": {\"a/b\\u0000\": 1}}");
        assertThat(inKey.errors()).extracting(FieldError::path).containsExactly("/metadata/a~1b\u0000");
    }

    @Test
    void aLoneSurrogateIsRefusedByItsPointerInAValueOrAKey() {
        Assessment inValue = read("{\"id\": \"model-1\", \"artifact_type\": \"model\", \"title\": \"T\","
                + " \"metadata\": {\"notes\": \"a\\ud800b\"}}");
        assertThat(inValue.channel()).isEqualTo(Channel.FAILED);
        assertThat(inValue.id()).isEqualTo("model-1");
        assertThat(reason(inValue)).isEqualTo("E-PARSE the document holds a lone surrogate (\\ud800) in a value at"
                + " /metadata/notes, which is not a Unicode character: text must be valid Unicode");
        assertThat(inValue.errors()).extracting(FieldError::path).containsExactly("/metadata/notes");
        assertThat(inValue.metadata()).isNull();

        Assessment lowAlone = read("{\"id\": \"model-1\", \"artifact_type\": \"model\", \"title\": \"T\","
                + " \"metadata\": {\"list\": [\"ok \\ud83d\\ude00\", \"\\udc00 first\"]}}");
        assertThat(reason(lowAlone)).isEqualTo("E-PARSE the document holds a lone surrogate (\\udc00) in a value at"
                + " /metadata/list/1, which is not a Unicode character: text must be valid Unicode");

        Assessment highAtEnd = read("{\"id\": \"model-1\", \"artifact_type\": \"model\", \"title\": \"T \\ud83d\","
                + " \"metadata\": {}}");
        assertThat(highAtEnd.errors()).extracting(FieldError::path).containsExactly("/title");

        Assessment inKey = read("{\"id\": \"model-1\", \"artifact_type\": \"model\", \"title\": \"T\","
                + " \"metadata\": {\"k\\udbff\": 1}}");
        // the pointer itself is written with the surrogate as an escape: no writer can write it as it is
        assertThat(reason(inKey)).isEqualTo("E-PARSE the document holds a lone surrogate (\\udbff) in a key at"
                + " /metadata/k\\udbff, which is not a Unicode character: text must be valid Unicode");
        assertThat(inKey.errors()).extracting(FieldError::path).containsExactly("/metadata/k\\udbff");

        Assessment inId = read("{\"id\": \"m\\ud800\", \"artifact_type\": \"model\", \"title\": \"T\", \"metadata\": {}}");
        assertThat(reason(inId)).isEqualTo("E-ENVELOPE the id \"m\\ud800\" is not usable: it must be 1-128 letters, digits,"
                + " '.', '_' or '-', starting with a letter or digit");
        Assessment inTitle = read("{\"id\": \"model-1\", \"artifact_type\": \"model\", \"title\": \"T\\udfff\", \"metadata\": {}}");
        assertThat(inTitle.errors()).extracting(FieldError::path).containsExactly("/title");
        assertThat(inTitle.title()).isNull();
        for (Assessment refused : List.of(inValue, lowAlone, highAtEnd, inKey, inId, inTitle)) {
            String written = String.valueOf(refused.reasons()) + refused.errors();
            assertThat(java.nio.charset.StandardCharsets.UTF_8.newEncoder().canEncode(written)).as(written).isTrue();
        }
    }

    @Test
    void aWholeSurrogatePairIsText() {
        Assessment a = read("{\"id\": \"model-1\", \"artifact_type\": \"model\", \"title\": \"\\ud83d\\ude00\","
                + " \"metadata\": {\"\\ud83d\\ude00\": \"\\ud83d\\ude00\"}}");
        assertThat(a.channel()).isNull();
        assertThat(a.title()).isEqualTo("\ud83d\ude00");
    }

    @Test
    void aLoneSurrogateInADatabaseRowIsRefusedAlike() {
        var columns = io.modelgate.model.Json.object().put("id", "model-db").put("artifact_type", "model").put("title", "T");
        Assessment a = reader.fromDatabaseRow(columns, "{\"x\": [\"\\ud800\"]}");
        assertThat(reason(a)).startsWith("E-PARSE the document holds a lone surrogate (\\ud800) in a value at /metadata/x/0");
        assertThat(a.id()).isEqualTo("model-db");
    }

    @Test
    void aPointerInAMessageShowsControlCharactersEscaped() {
        Assessment a = read("{\"id\": \"model-1\", \"artifact_type\": \"model\", \"title\": \"T\","
                + " \"metadata\": {\"line\\nbreak\": {\"nul\\u0000\": 1}}}");
        assertThat(reason(a)).isEqualTo("E-PARSE the document holds a NUL character (\\u0000) at"
                + " /metadata/line\\nbreak/nul\\u0000, which PostgreSQL cannot store in text or jsonb");
        assertThat(a.errors().get(0).shownPath()).isEqualTo("/metadata/line\\nbreak/nul\\u0000");
        assertThat(a.errors().get(0).path()).isEqualTo("/metadata/line\nbreak/nul\u0000");
    }
}
