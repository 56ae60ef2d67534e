package io.modelgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The envelope reads ids, and the normalizer numbers, counts and commit SHAs, without regular
 * expressions: each reads exactly what the expression it stands for reads, checked here on many
 * texts against it.
 */
class TextShapesTest {
    private static final Pattern PLAIN_INTEGER = Pattern.compile("^[0-9]+$");
    private static final Pattern GROUPED_INTEGER = Pattern.compile("^[0-9]{1,3}(,[0-9]{3})+$");
    private static final Pattern SUFFIXED = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)\\s*([kKmMbB])$");
    private static final Pattern DECIMAL = Pattern.compile("^[-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?$");

    /** Texts built from the characters that matter to the expressions, every combination up to 4 of them. */
    private static List<String> texts() {
        return texts("01789,.eE+-kmMbB xa\t~", List.of("", "1,024", "12,400,000", "1,2345", "1.2M", "350k", "7 B", "7\tb",
                "0.91", ".5", "5.", "-0.91", "+.5e-3", "1e400", "1.5.3", "1E+1", "١٢", "12,400.5", "1.M", "1 2k",
                "abcdef1", "ABCDEF1234567", "abcdefg", "0123456789abcdef0123456789abcdef01234567",
                "0123456789abcdef0123456789abcdef012345678"));
    }

    /** The given texts, then every text of 1 to 4 characters of the alphabet. */
    private static List<String> texts(String alphabet, List<String> given) {
        List<String> texts = new ArrayList<>(given);
        List<String> level = List.of("");
        for (int length = 1; length <= 4; length++) {
            List<String> next = new ArrayList<>();
            for (String prefix : level) {
                for (char c : alphabet.toCharArray()) {
                    next.add(prefix + c);
                }
            }
            texts.addAll(next);
            level = next;
        }
        return texts;
    }

    @Test
    void decimalsAreThoseTheExpressionReads() {
        for (String text : texts()) {
            assertThat(MetadataNormalizer.isDecimal(text)).as(text).isEqualTo(DECIMAL.matcher(text).matches());
        }
    }

    @Test
    void artifactIdsAreThoseTheExpressionReads() {
        List<String> texts = texts("aZ09._-/ é\n", List.of("a".repeat(128), "a".repeat(129), "_a", ".a", "-a", "a_b.c-d",
                "é", "a b", "a/b", "model-bench-0000001", "Z9"));
        for (String text : texts) {
            assertThat(EnvelopeReader.isId(text)).as(text).isEqualTo(EnvelopeReader.ID_PATTERN.matcher(text).matches());
        }
    }

    @Test
    void commitShasAreThoseTheExpressionReads() {
        for (String text : texts()) {
            assertThat(MetadataNormalizer.isCommitSha(text)).as(text)
                    .isEqualTo(MetadataNormalizer.COMMIT_SHA.matcher(text).matches());
        }
    }

    @Test
    void parameterCountsAreThoseTheExpressionsRead() {
        for (String text : texts()) {
            assertThat(MetadataNormalizer.parameterCount(TextNode.valueOf(text))).as(text).isEqualTo(byExpressions(text));
        }
    }

    /** The parameter count as the expressions read it. */
    private static Optional<BigInteger> byExpressions(String given) {
        String text = given.trim();
        if (PLAIN_INTEGER.matcher(text).matches()) {
            return Optional.of(new BigInteger(text));
        }
        if (GROUPED_INTEGER.matcher(text).matches()) {
            return Optional.of(new BigInteger(text.replace(",", "")));
        }
        Matcher suffixed = SUFFIXED.matcher(text);
        if (suffixed.matches()) {
            int exponent = switch (Character.toLowerCase(suffixed.group(2).charAt(0))) {
                case 'k' -> 3;
                case 'm' -> 6;
                default -> 9;
            };
            try {
                return Optional.of(new BigDecimal(suffixed.group(1)).scaleByPowerOfTen(exponent).toBigIntegerExact());
            } catch (ArithmeticException notWhole) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
