package io.modelgate.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelgate.model.Assessment;
import io.modelgate.model.Channel;
import io.modelgate.model.FieldError;
import io.modelgate.model.Json;
import io.modelgate.model.Reason;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers keep one form end to end, and a number that cannot make the round trip is refused. */
class JsonNumbersTest {
    private static final String OUT_OF_RANGE = "is out of the range a JSON number can safely have (that of a"
            + " double-precision number: at most 1.7976931348623157e308 in size, and 0 or at least 4.9e-324)";

    private final EnvelopeReader reader = new EnvelopeReader(new InputLimits(1 << 20, 64, 65536));
    private final MetadataNormalizer normalizer = new MetadataNormalizer();

    private Assessment read(String metadata) {
        return reader.fromFile("f.json", ("{\"id\": \"model-1\", \"artifact_type\": \"model\", \"title\": \"T\","
                + " \"metadata\": " + metadata + "}").getBytes(StandardCharsets.UTF_8));
    }

    private Assessment normalized(String metadata) {
        Assessment a = read(metadata);
        normalizer.normalize(a);
        return a;
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1e400", "1E+309", "1.7976931348623158e308", "1e-400", "-4.8e-324", "1e999999999", "1e-999999999"})
    void aNumberOutOfTheRangeOfADoubleIsRefused(String number) {
        assertThat(JsonNumbers.problem(new BigDecimal(number))).isEqualTo(OUT_OF_RANGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0.0", "1.7976931348623157e308", "-1.7976931348623157e308", "4.9e-324", "0.91",
            "123456789012345678901234567890", "1e-7", "2.50"})
    void aNumberWithinTheRangeIsTaken(String number) {
        assertThat(JsonNumbers.problem(new BigDecimal(number))).isNull();
    }

    @Test
    void aNumberTooLongWrittenOutInFullIsRefused() {
        // 700 digits: under the parser's limit as written, over it as the database prints it
        BigDecimal longAndSmall = new BigDecimal("1." + "1".repeat(699) + "e-300");
        assertThat(JsonNumbers.plainLength(longAndSmall)).isEqualTo(1001);
        assertThat(JsonNumbers.problem(longAndSmall))
                .isEqualTo("is longer than 1000 characters when written out in full, as the database keeps it");
        assertThat(JsonNumbers.plainLength(new BigDecimal("-1.5e3"))).isEqualTo(5);
        assertThat(JsonNumbers.plainLength(new BigDecimal("0.0015"))).isEqualTo(6);
        assertThat(JsonNumbers.plainLength(new BigDecimal("12.50"))).isEqualTo(4);
        assertThatThrownBy(() -> JsonNumbers.node(new BigDecimal("1e400"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDocumentHoldingSuchANumberIsRefusedByItsPointer() {
        Assessment a = read("{\"evaluation_metrics\": {\"auc\": 0.9, \"loss\": 1e400}}");
        assertThat(a.channel()).isEqualTo(Channel.FAILED);
        assertThat(a.id()).isEqualTo("model-1");
        assertThat(a.reasons()).extracting(Reason::code).containsExactly("E-PARSE");
        assertThat(a.reasons().get(0).message())
                .isEqualTo("the number 1E+400 at /metadata/evaluation_metrics/loss " + OUT_OF_RANGE);
        assertThat(a.errors()).extracting(FieldError::path).containsExactly("/metadata/evaluation_metrics/loss");

        Assessment negative = read("{\"training_config\": {\"steps\": [1, -1e400]}}");
        assertThat(negative.errors()).extracting(FieldError::path).containsExactly("/metadata/training_config/steps/1");
        Assessment tiny = read("{\"training_config\": {\"eps\": 1e-400}}");
        assertThat(tiny.errors()).extracting(FieldError::path).containsExactly("/metadata/training_config/eps");
        Assessment hugeInteger = read("{\"parameter_count\": 1" + "0".repeat(400) + "}");
        assertThat(hugeInteger.reasons().get(0).message())
                .startsWith("the number 1000000000").contains("... at /metadata/parameter_count " + OUT_OF_RANGE);
    }

    @Test
    void aDatabaseRowHoldingSuchANumberIsRefusedAlike() {
        var columns = Json.object().put("id", "model-db").put("artifact_type", "model").put("title", "T");
        Assessment a = reader.fromDatabaseRow(columns, "{\"evaluation_metrics\": {\"loss\": 1" + "0".repeat(400) + "}}");
        assertThat(a.channel()).isEqualTo(Channel.FAILED);
        assertThat(a.reasons()).extracting(Reason::code).containsExactly("E-PARSE");
        assertThat(a.errors()).extracting(FieldError::path).containsExactly("/metadata/evaluation_metrics/loss");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1e3 | 1000 | INT", "10.0 | 10 | INT", "1.5e3 | 1500 | INT", "1500.000 | 1500 | INT", "0e5 | 0 | INT",
            "1e10 | 10000000000 | LONG", "1e300 | 1" + "000000000" + " | BIG", "2.50 | 2.5 | DECIMAL",
            "1e-7 | 1E-7 | DECIMAL", "0.000001 | 0.000001 | DECIMAL", "-0.0 | 0 | INT", "7 | 7 | INT"})
    void aNumberIsKeptInTheFormTheDatabaseGivesBack(String written, String kept, String kind) {
        JsonNode number = read("{\"training_config\": {\"x\": " + written + "}}").metadata().path("training_config").path("x");
        if (!kind.equals("BIG")) {
            assertThat(number.toString()).isEqualTo(kept);
        } else {
            assertThat(number.toString()).startsWith(kept).hasSize(301);
        }
        switch (kind) {
            case "INT" -> assertThat(number.isInt()).isTrue();
            case "LONG" -> assertThat(number.isLong()).isTrue();
            case "BIG" -> assertThat(number.isBigInteger()).isTrue();
            default -> assertThat(number.isBigDecimal()).isTrue();
        }
        // and as parsed from the text it is written as
        assertThat(Json.parse(Json.write(number))).isEqualTo(number);
    }

    @Test
    void aNumericStringThatIsOutOfRangeIsHeldNotConverted() {
        Assessment a = normalized("{\"evaluation_metrics\": {\"auc\": \"0.9\", \"loss\": \"1e999\", \"tiny\": \"1e-999\"}}");
        assertThat(a.channel()).isNull();
        assertThat(a.reasons()).extracting(Reason::code).containsExactly("A-UNPARSEABLE", "A-UNPARSEABLE");
        assertThat(a.reasons()).extracting(Reason::message).containsExactly(
                "metric loss = \"1e999\" " + OUT_OF_RANGE, "metric tiny = \"1e-999\" " + OUT_OF_RANGE);
        assertThat(a.errors()).extracting(FieldError::path)
                .containsExactly("/evaluation_metrics/loss", "/evaluation_metrics/tiny");
        assertThat(a.metadata().path("evaluation_metrics").path("loss").isTextual()).isTrue();

        Assessment count = normalized("{\"parameter_count\": \"1" + "0".repeat(400) + "\"}");
        assertThat(count.reasons()).extracting(Reason::code).containsExactly("A-UNPARSEABLE");
        assertThat(count.errors()).extracting(FieldError::path).containsExactly("/parameter_count");
        assertThat(count.reasons().get(0).message()).endsWith(OUT_OF_RANGE);
    }

    @Test
    void aConvertedNumericStringTakesTheFormOfTheNumberItIs() {
        Assessment a = normalized("{\"evaluation_metrics\": {\"a\": \"0.910\", \"b\": \"1e3\", \"c\": \"2.0\", \"d\": \"1e-7\"}}");
        JsonNode metrics = a.metadata().path("evaluation_metrics");
        assertThat(metrics.toString()).isEqualTo("{\"a\":0.91,\"b\":1000,\"c\":2,\"d\":1E-7}");
        // the same nodes the parser gives for the metadata as written and read back
        assertThat(Json.parse(Json.write(metrics))).isEqualTo(metrics);
        assertThat(a.reasons()).isEmpty();
    }

    @Test
    void aMetricKeyIsNamedByAPointerThatEscapesIt() {
        Assessment a = normalized("{\"evaluation_metrics\": {\"f1/macro~x\\n\": \"high\"}}");
        assertThat(a.errors()).extracting(FieldError::path).containsExactly("/evaluation_metrics/f1~1macro~0x\n");
        assertThat(a.errors()).extracting(FieldError::shownPath).containsExactly("/evaluation_metrics/f1~1macro~0x\\n");
        assertThat(a.reasons()).extracting(Reason::message)
                .containsExactly("metric f1/macro~x\\n = \"high\" is not a plain number; write it as one (e.g. 0.91)");
    }
}
