package io.modelgate.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * One form for every number, so that the same input gives the same content hash on every run.
 *
 * <p>The metadata is written to PostgreSQL and read back by the next scan. jsonb prints a number
 * in full, without an exponent ({@code 1e3} comes back as {@code 1000}, {@code 10.0} written as
 * {@code 1E+1} comes back as {@code 10}), and the parser makes such a number an integer, while the
 * number as first read was a decimal with an exponent: the content hash differed and the next run
 * wrote an "updated" event. So a number is kept as the parser would read PostgreSQL's text of it:
 * a whole number as an integer, any other without trailing zeros.
 *
 * <p>And a number is only taken when it can make that round trip and be read by others as it was
 * written: within the range of a double-precision number (RFC 8259, section 6: what JSON readers
 * can be expected to hold; {@code 1e400} is infinity to most of them) and not longer, written out
 * in full as PostgreSQL prints it, than the parser reads ({@value #MAX_LENGTH} characters).
 */
public final class JsonNumbers {
    /** The longest number, in characters, the parser reads (the JSON parser's own default). */
    public static final int MAX_LENGTH = 1000;

    private static final BigDecimal LARGEST = new BigDecimal(Double.MAX_VALUE);
    /** The smallest size of a number other than 0 that a double holds (as Double.MIN_VALUE is written). */
    private static final BigDecimal SMALLEST = new BigDecimal("4.9e-324");

    private JsonNumbers() {
    }

    /**
     * Why a number cannot be kept as given, as the end of a sentence about it ("is out of ..."),
     * or null when it can. Decided without writing the number out, so {@code 1e999999999} costs
     * nothing.
     */
    public static String problem(BigDecimal value) {
        BigDecimal size = value.abs();
        if (size.compareTo(LARGEST) > 0 || size.signum() != 0 && size.compareTo(SMALLEST) < 0) {
            return "is out of the range a JSON number can safely have (that of a double-precision number:"
                    + " at most 1.7976931348623157e308 in size, and 0 or at least 4.9e-324)";
        }
        // written out in full, a number has at most its digits, its scale's zeros, a point and a sign
        if ((long) value.precision() + Math.abs((long) value.scale()) + 3 > MAX_LENGTH && plainLength(value) > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters when written out in full, as the database keeps it";
        }
        return null;
    }

    /** The number of characters of the number written out in full, without an exponent. */
    static long plainLength(BigDecimal value) {
        BigDecimal stripped = stripped(value);
        long precision = stripped.precision();
        long scale = stripped.scale();
        long digits;
        if (scale <= 0) {
            digits = precision - scale;
        } else {
            digits = precision > scale ? precision + 1 : scale + 2;
        }
        return digits + (stripped.signum() < 0 ? 1 : 0);
    }

    /**
     * The node the parser gives for the number as PostgreSQL prints it: an integer node (int,
     * long or big, by size) for a whole number, a decimal without trailing zeros for any other.
     *
     * @throws IllegalArgumentException for a number {@link #problem} refuses
     */
    public static JsonNode node(BigDecimal value) {
        if (problem(value) != null) {
            throw new IllegalArgumentException("a number that cannot be kept: " + problem(value));
        }
        BigDecimal stripped = stripped(value);
        return stripped.scale() <= 0 ? node(stripped.toBigIntegerExact()) : DecimalNode.valueOf(stripped);
    }

    /** The node the parser gives for a whole number: int, long or big by size. */
    public static JsonNode node(BigInteger value) {
        if (value.bitLength() < 32) {
            return IntNode.valueOf(value.intValue());
        }
        return value.bitLength() < 64 ? LongNode.valueOf(value.longValue()) : BigIntegerNode.valueOf(value);
    }

    /**
     * The node in the form of {@link #node(BigDecimal)} when the given one is in another form
     * (a decimal that is a whole number or has trailing zeros, a double), or null when it is in
     * that form already or is not a number {@link #problem} accepts.
     */
    static JsonNode inStoredForm(JsonNode number) {
        if (number.isIntegralNumber() || !number.isNumber()) {
            return null;
        }
        if (!number.isBigDecimal() && !Double.isFinite(number.doubleValue())) {
            return null;
        }
        BigDecimal value = number.decimalValue();
        if (problem(value) != null) {
            return null;
        }
        // node(value), without checking the number a second time
        BigDecimal stripped = stripped(value);
        if (stripped.scale() <= 0) {
            return node(stripped.toBigIntegerExact());
        }
        // BigDecimal's own equals, not the node's: 2.50 and 2.5 are equal nodes but not one form
        return number.isBigDecimal() && stripped.equals(value) ? null : DecimalNode.valueOf(stripped);
    }

    private static BigDecimal stripped(BigDecimal value) {
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }
}
