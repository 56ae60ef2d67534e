package io.modelgate.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.modelgate.model.Text;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON parser's errors in plain words. The parser's own messages name its classes and
 * features ("enable `JsonReadFeature...`"), which mean nothing to the person who wrote the file,
 * so they never reach a report, a ticket or a log: each known kind of error is told in one plain
 * phrase, with the line and column the parser gives, and anything else as "the text there is
 * not JSON".
 */
final class ParseErrors {
    private static final Pattern CODE = Pattern.compile("code (\\d+)\\)");
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    private static final Pattern NON_NUMBER = Pattern.compile("^[-+]?(NaN|Infinity|INF)$");
    private static final Pattern CLOSE_MARKER = Pattern.compile("^Unexpected close marker '(.)': expected '(.)'");

    private ParseErrors() {
    }

    /**
     * The whole sentence for a document that is not JSON, {@code what} naming it ("the file",
     * "the metadata"): "the file is not valid UTF-8 JSON at line 2, column 1: JSON has no comments".
     */
    static String sentence(String what, String notJson, JsonProcessingException e) {
        String where = where(e);
        if (isSecondValue(e) && !where.isEmpty()) {
            return what + " holds more than one JSON value: a second one starts" + where;
        }
        return notJson + where + ": " + phrase(what, e);
    }

    /** " at line 2, column 1", or nothing when the parser does not say where. */
    static String where(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + (location.getColumnNr() < 1 ? "" : ", column " + location.getColumnNr());
    }

    private static boolean isSecondValue(JsonProcessingException e) {
        return e instanceof MismatchedInputException && String.valueOf(e.getOriginalMessage()).startsWith("Trailing token");
    }

    /** What is wrong, in one phrase without the place: "JSON has no comments". */
    static String phrase(String what, JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (isSecondValue(e)) {
            return what + " holds more than one JSON value";
        }
        if (e instanceof JsonEOFException || message.startsWith("Unexpected end-of-input")) {
            return endOfInput(what, message);
        }
        if (message.startsWith("Duplicate field '")) {
            String key = message.substring("Duplicate field '".length(), Math.max(message.lastIndexOf('\''),
                    "Duplicate field '".length()));
            return "the key \"" + Text.visible(Text.shortened(key)) + "\" appears twice in one object";
        }
        if (message.startsWith("Non-standard token '")) {
            Matcher token = QUOTED.matcher(message);
            if (token.find() && NON_NUMBER.matcher(token.group(1)).matches()) {
                return token.group(1) + " is not a JSON number";
            }
            return "a value there is not JSON";
        }
        if (message.contains("maybe a (non-standard) comment")) {
            return "JSON has no comments";
        }
        if (message.startsWith("Unrecognized token '")) {
            // the word itself is not repeated: it may be part of a secret that lost its quotes
            return "a word there is not JSON: text must be in double quotes, and true, false and null are written in lower case";
        }
        if (message.startsWith("Illegal unquoted character")) {
            int code = code(message);
            return "a string holds a raw control character (" + unicode(code) + "); write it as an escape (\\u"
                    + hex(code) + ")";
        }
        if (message.startsWith("Illegal character")) {
            return "a control character (" + unicode(code(message)) + ") stands between values, where only spaces,"
                    + " tabs and line breaks may";
        }
        if (message.startsWith("Unrecognized character escape")) {
            return "a backslash in a string starts an escape JSON does not know (JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t"
                    + " and \\u followed by four hex digits)";
        }
        if (message.contains("expected a hex-digit for character escape sequence")) {
            return "\\u in a string must be followed by four hex digits";
        }
        Matcher close = CLOSE_MARKER.matcher(message);
        if (close.find()) {
            return close.group(1) + " stands where the open " + (close.group(2).equals("}") ? "object" : "array")
                    + " needs its " + close.group(2);
        }
        if (message.startsWith("Unexpected close marker '")) {
            Matcher marker = QUOTED.matcher(message);
            String closing = marker.find() ? marker.group(1) : "]";
            return closing + " closes nothing: there is no open " + (closing.equals("}") ? "object" : "array");
        }
        if (message.startsWith("Invalid numeric value: Leading zeroes")) {
            return "a number cannot start with 0 unless it is 0 or 0.something (write 7, not 07)";
        }
        if (message.contains("in numeric value") || message.startsWith("Invalid numeric value")) {
            return number(message);
        }
        if (message.startsWith("Unexpected character")) {
            return unexpectedCharacter(message, code(message));
        }
        return "the text there is not JSON";
    }

    /**
     * Whether the text holds, outside its strings, a number longer than {@code maxLength}
     * characters. Told apart only when a limit was hit: the parser reports such a number as a
     * string over the string limit.
     */
    static boolean holdsLongNumber(String text, int maxLength) {
        boolean inString = false;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                run = 0;
            } else if (c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                if (++run > maxLength) {
                    return true;
                }
            } else {
                run = 0;
            }
        }
        return false;
    }

    private static String endOfInput(String what, String message) {
        if (message.contains("closing quote") || message.contains("for name") || message.contains("in field name")) {
            return what + " ends inside a string: its closing double quote is missing";
        }
        if (message.contains("escape")) {
            return what + " ends inside an escape in a string";
        }
        if (message.contains("Object")) {
            return what + " ends before an object is closed: a } is missing";
        }
        if (message.contains("Array")) {
            return what + " ends before an array is closed: a ] is missing";
        }
        return what + " ends before the JSON value is complete";
    }

    private static String number(String message) {
        if (message.contains("plus sign")) {
            return "a JSON number cannot start with +";
        }
        if (message.contains("minus sign")) {
            return "a minus sign must be followed by a digit";
        }
        if (message.contains("Decimal point not followed by a digit")) {
            return "a decimal point must be followed by a digit (write 1.0, not 1.)";
        }
        if (message.contains("Exponent indicator not followed by a digit")) {
            return "an exponent (e or E) must be followed by a digit";
        }
        return "a number there is not written as JSON writes numbers";
    }

    private static String unexpectedCharacter(String message, int code) {
        if (code == '\'') {
            return "keys and strings must be in double quotes, not single quotes";
        }
        if (message.contains("to start field name")) {
            return code == '}' ? "a comma cannot stand right before }" : "a key must be in double quotes";
        }
        if (message.contains("expected a valid value")) {
            if (code == ']' || code == '}') {
                return "a value is missing before " + (char) code;
            }
            if (code == '.') {
                return "a number must start with a digit (write 0.5, not .5)";
            }
            return shown(code) + " cannot start a JSON value (one starts with {, [, \", a digit, -, true, false or null)";
        }
        if (message.contains("comma to separate Object entries")) {
            return "a comma is missing between two entries of an object";
        }
        if (message.contains("comma to separate Array entries")) {
            return "a comma is missing between two values of an array";
        }
        if (message.contains("colon to separate field name and value")) {
            return "a key must be followed by a colon";
        }
        return shown(code) + " is not expected there";
    }

    private static int code(String message) {
        Matcher code = CODE.matcher(message);
        return code.find() ? Integer.parseInt(code.group(1)) : -1;
    }

    /** A character as a person can read it: '<' for printable ASCII, else U+00A0. */
    private static String shown(int code) {
        if (code > 0x20 && code < 0x7f) {
            return "'" + (char) code + "'";
        }
        return code < 0 ? "a character" : unicode(code);
    }

    private static String unicode(int code) {
        return code < 0 ? "a control character" : "U+" + hex(code).toUpperCase(Locale.ROOT);
    }

    private static String hex(int code) {
        return String.format(Locale.ROOT, "%04x", Math.max(code, 0));
    }
}
