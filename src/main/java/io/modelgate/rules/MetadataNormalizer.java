package io.modelgate.rules;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.modelgate.model.Assessment;
import io.modelgate.model.Normalization;
import io.modelgate.model.Text;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Step 2 of the pipeline: brings legacy metadata onto the schema's keys and value types, records
 * every change (old key and value -> new key and value), and never guesses: two keys with
 * different values for one field ({@code A-CONFLICT}) or a value that does not convert exactly
 * ({@code A-UNPARSEABLE}) hold the artifact for a person.
 */
public final class MetadataNormalizer {

    /** Canonical key -> legacy aliases, in the order they are tried (first match wins). */
    static final Map<String, List<String>> ALIASES = linked(
            "model_family", List.of("model_type", "family", "architecture"),
            "framework", List.of("library", "framework_name"),
            "parameter_count", List.of("n_params", "num_parameters", "params"),
            "training_data", List.of("dataset", "train_data", "training_dataset"),
            "evaluation_dataset", List.of("eval_dataset", "test_dataset", "validation_dataset"),
            "evaluation_metrics", List.of("metrics", "eval_metrics", "performance"),
            "training_config", List.of("hyperparameters", "training_params", "config"),
            "base_model_id", List.of("base_model", "parent_model"),
            "external_source_url", List.of("source_url"),
            "external_source_version", List.of("revision", "hf_revision"),
            "code_repo_url", List.of("repo", "git_url", "code_url"),
            "code_commit_sha", List.of("commit", "git_sha"));

    /** Provenance fields that may stand at the top level of the document instead of in metadata. */
    static final List<String> PROVENANCE = List.of("code_repo_url", "code_commit_sha", "code_entrypoint",
            "trained_by", "training_started_at", "training_completed_at", "gpu_allocation_id");

    private static final Map<String, String> FRAMEWORK_SYNONYMS = Map.of(
            "sklearn", "scikit-learn", "scikit_learn", "scikit-learn", "torch", "pytorch", "tf", "tensorflow");

    private static final Pattern GITHUB_PATH = Pattern.compile(
            "^https?://github\\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\\.git)?/(?:tree|blob)/([^/\\s]+)/([^\\s?#]+)$");
    static final Pattern COMMIT_SHA = Pattern.compile("^[0-9a-fA-F]{7,40}$");

    private final ModelVersionExtractor columns = new ModelVersionExtractor();

    /** Normalizes {@code assessment.metadata()} in place and reads the row's columns from it. */
    public void normalize(Assessment assessment) {
        new Run(assessment).apply();
        assessment.version(columns.extract(assessment.metadata()));
    }

    /** The work on one artifact: keeps the artifact and its metadata at hand. */
    private static final class Run {
        private final Assessment assessment;
        private final ObjectNode metadata;
        private final ObjectNode document;

        Run(Assessment assessment) {
            this.assessment = assessment;
            this.metadata = assessment.metadata();
            this.document = assessment.document();
        }

        void apply() {
            ALIASES.forEach(this::resolveAliases);
            PROVENANCE.forEach(this::liftFromTopLevel);
            convertParameterCount();
            convertFramework();
            convertMetrics();
            convertIsExternal();
            takeExternalSourceUrl();
            parseGithubUrls();
            convertTimestamps();
        }

        /** First alias present wins when the canonical key is absent; differing duplicates conflict. */
        private void resolveAliases(String canonical, List<String> aliases) {
            // the key the field's value was given under, to name it in a conflict
            String givenAs = canonical;
            for (String alias : aliases) {
                if (!metadata.has(alias)) {
                    continue;
                }
                JsonNode aliasValue = metadata.get(alias);
                if (!metadata.has(canonical)) {
                    metadata.remove(alias);
                    metadata.set(canonical, aliasValue);
                    record(alias, aliasValue, canonical, aliasValue);
                    givenAs = alias;
                } else if (!sameValue(canonical, metadata.get(canonical), aliasValue)) {
                    conflict(canonical, "metadata has both " + givenAs + " = " + shorten(metadata.get(canonical))
                            + " and " + alias + " = " + shorten(aliasValue) + " for " + canonical
                            + "; keep the right one and remove the other");
                }
            }
        }

        private void liftFromTopLevel(String field) {
            JsonNode top = document.get(field);
            if (top == null || top.isNull()) {
                return;
            }
            if (!metadata.has(field)) {
                metadata.set(field, top);
                record("(top level) " + field, top, field, top);
            } else if (!sameValue(field, metadata.get(field), top)) {
                conflict(field, "the document gives " + field + " twice, " + shorten(top) + " at the top level and "
                        + shorten(metadata.get(field)) + " in metadata; keep one");
            }
        }

        private void convertParameterCount() {
            JsonNode value = metadata.get("parameter_count");
            if (value == null || value.isIntegralNumber()) {
                return;
            }
            Optional<BigInteger> count = parameterCount(value);
            String outOfRange = count.map(c -> JsonNumbers.problem(new BigDecimal(c))).orElse(null);
            if (outOfRange != null) {
                unparseable("/parameter_count", "parameter_count " + shorten(value) + " " + outOfRange);
            } else if (count.isPresent()) {
                replace("parameter_count", JsonNumbers.node(count.get()));
            } else if (value.isTextual() || value.isNumber()) {
                unparseable("/parameter_count", "parameter_count " + shorten(value)
                        + " is not an exact whole number; write it as digits (e.g. 1200000, \"1,200,000\" or \"1.2M\")");
            }
        }

        private void convertFramework() {
            JsonNode value = metadata.get("framework");
            if (value == null || !value.isTextual()) {
                return;
            }
            String canonical = canonicalFramework(value.asText());
            if (!canonical.equals(value.asText())) {
                replace("framework", TextNode.valueOf(canonical));
            }
        }

        private void convertMetrics() {
            JsonNode metrics = metadata.get("evaluation_metrics");
            if (metrics == null || !metrics.isObject()) {
                return;
            }
            // copied at the first metric that changes: metrics that are numbers already cost no copy
            ObjectNode converted = null;
            for (var entry : metrics.properties()) {
                JsonNode value = entry.getValue();
                if (!value.isTextual()) {
                    continue;
                }
                Optional<BigDecimal> number = decimal(value.asText());
                String outOfRange = number.map(JsonNumbers::problem).orElse(null);
                if (number.isPresent() && outOfRange == null) {
                    if (converted == null) {
                        converted = ((ObjectNode) metrics).deepCopy();
                    }
                    // the form the number keeps when it is stored and read back
                    converted.set(entry.getKey(), JsonNumbers.node(number.get()));
                    continue;
                }
                String pointer = JsonPointer.compile("/evaluation_metrics").appendProperty(entry.getKey()).toString();
                String metric = "metric " + Text.visible(entry.getKey()) + " = " + shorten(value);
                unparseable(pointer, outOfRange != null ? metric + " " + outOfRange
                        : metric + " is not a plain number; write it as one (e.g. 0.91)");
            }
            if (converted != null) {
                replace("evaluation_metrics", converted);
            }
        }

        private void convertIsExternal() {
            JsonNode value = metadata.get("is_external");
            if (value != null && value.isTextual()) {
                String text = value.asText().trim().toLowerCase(Locale.ROOT);
                if (text.equals("true") || text.equals("false")) {
                    replace("is_external", BooleanNode.valueOf(text.equals("true")));
                } else {
                    unparseable("/is_external", "is_external = " + shorten(value) + " is neither true nor false");
                    return;
                }
            }
            String originType = document.path("origin_type").asText("");
            JsonNode isExternal = metadata.get("is_external");
            if ("external".equals(originType)) {
                if (isExternal == null) {
                    metadata.put("is_external", true);
                    record("(top level) origin_type", TextNode.valueOf(originType), "is_external", BooleanNode.TRUE);
                } else if (isExternal.isBoolean() && !isExternal.asBoolean()) {
                    conflict("is_external", "origin_type is \"external\" but metadata says is_external = false; say which it is");
                }
            } else if ("internal".equals(originType) && isExternal != null && isExternal.isBoolean() && isExternal.asBoolean()) {
                conflict("is_external", "origin_type is \"internal\" but metadata says is_external = true; say which it is");
            }
        }

        /** An external model's top-level origin_url names where it came from. */
        private void takeExternalSourceUrl() {
            JsonNode originUrl = document.get("origin_url");
            boolean external = metadata.path("is_external").asBoolean(false);
            if (!external || originUrl == null || !originUrl.isTextual() || originUrl.asText().isBlank()) {
                return;
            }
            JsonNode current = metadata.get("external_source_url");
            if (current == null) {
                metadata.set("external_source_url", originUrl);
                record("(top level) origin_url", originUrl, "external_source_url", originUrl);
            } else if (!current.equals(originUrl) && githubPath(originUrl.asText()) == null) {
                conflict("external_source_url", "origin_url " + shorten(originUrl) + " and external_source_url "
                        + shorten(current) + " differ; keep the right one");
            }
        }

        /** https://github.com/ORG/REPO/(tree|blob)/REF/PATH gives the repository, commit and entrypoint. */
        private void parseGithubUrls() {
            parseGithubUrl("code_repo_url", metadata.get("code_repo_url"));
            if (!metadata.path("is_external").asBoolean(false)) {
                parseGithubUrl("(top level) origin_url", document.get("origin_url"));
            }
        }

        private void parseGithubUrl(String sourceKey, JsonNode url) {
            if (url == null || !url.isTextual()) {
                return;
            }
            Matcher matcher = githubPath(url.asText().trim());
            if (matcher == null) {
                return;
            }
            String repo = "https://github.com/" + matcher.group(1) + "/" + matcher.group(2);
            String ref = matcher.group(3);
            String path = matcher.group(4);
            setDerived(sourceKey, url, "code_repo_url", repo);
            if (isCommitSha(ref)) {
                setDerived(sourceKey, url, "code_commit_sha", ref.toLowerCase(Locale.ROOT));
            }
            setDerived(sourceKey, url, "code_entrypoint", path);
        }

        private void setDerived(String sourceKey, JsonNode source, String field, String value) {
            JsonNode current = metadata.get(field);
            TextNode derived = TextNode.valueOf(value);
            if (current != null && field.equals("code_repo_url") && current.equals(source)) {
                replace(field, derived);
            } else if (current == null) {
                metadata.set(field, derived);
                record(sourceKey, source, field, derived);
            } else if (!current.equals(derived)) {
                conflict(field, field + " is " + shorten(current) + " but " + sourceKey + " points at " + shorten(derived)
                        + "; keep the right one");
            }
        }

        private void convertTimestamps() {
            for (String field : List.of("training_started_at", "training_completed_at")) {
                JsonNode value = metadata.get(field);
                if (value == null || value.isNull()) {
                    continue;
                }
                Optional<String> iso = Timestamps.canonical(value.asText());
                if (!value.isTextual() || iso.isEmpty()) {
                    unparseable("/" + field, field + " = " + shorten(value)
                            + " is not an ISO-8601 date or time (e.g. 2024-03-01T14:30:00Z)");
                } else if (!iso.get().equals(value.asText())) {
                    replace(field, TextNode.valueOf(iso.get()));
                }
            }
        }

        /** Converts a field's value; a value that just moved from a legacy key is told as one change. */
        private void replace(String field, JsonNode newValue) {
            JsonNode old = metadata.get(field);
            metadata.set(field, newValue);
            List<Normalization> changes = assessment.normalizations();
            for (int i = changes.size() - 1; i >= 0; i--) {
                Normalization earlier = changes.get(i);
                if (earlier.toKey().equals(field) && earlier.toValue().equals(old)) {
                    changes.set(i, new Normalization(earlier.fromKey(), earlier.fromValue(), field, newValue));
                    return;
                }
            }
            record(field, old, field, newValue);
        }

        private void record(String fromKey, JsonNode fromValue, String toKey, JsonNode toValue) {
            assessment.normalizations().add(new Normalization(fromKey, fromValue, toKey, toValue));
        }

        private void conflict(String field, String message) {
            assessment.reason("A-CONFLICT", message);
            assessment.error("/" + field, message);
        }

        private void unparseable(String path, String message) {
            assessment.reason("A-UNPARSEABLE", message);
            assessment.error(path, message);
        }
    }

    /** Two values for one field are the same when they agree after conversion ("0.91" and 0.91). */
    static boolean sameValue(String field, JsonNode a, JsonNode b) {
        if (a.equals(b)) {
            return true;
        }
        return switch (field) {
            case "parameter_count" -> parameterCount(a).isPresent() && parameterCount(a).equals(parameterCount(b));
            case "framework" -> a.isTextual() && b.isTextual() && canonicalFramework(a.asText()).equals(canonicalFramework(b.asText()));
            default -> a.isNumber() || b.isNumber()
                    ? decimal(a.asText()).flatMap(x -> decimal(b.asText()).map(y -> x.compareTo(y) == 0)).orElse(false)
                    : a.isTextual() && b.isTextual() && a.asText().trim().equals(b.asText().trim());
        };
    }

    static String canonicalFramework(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return FRAMEWORK_SYNONYMS.getOrDefault(lower, lower);
    }

    /** Exact parameter counts: 1024, "1,024", "350k", "1.2M", "7B"; anything inexact is empty. */
    static Optional<BigInteger> parameterCount(JsonNode value) {
        if (value.isIntegralNumber()) {
            return Optional.of(value.bigIntegerValue());
        }
        if (value.isNumber()) {
            return exactInteger(value.decimalValue());
        }
        if (!value.isTextual()) {
            return Optional.empty();
        }
        String text = value.asText().trim();
        int digits = digits(text, 0);
        if (digits > 0 && digits == text.length()) {
            return Optional.of(new BigInteger(text));
        }
        if (isGroupedInteger(text, digits)) {
            return Optional.of(new BigInteger(text.replace(",", "")));
        }
        int numberEnd = suffixedNumberEnd(text, digits);
        if (numberEnd > 0) {
            int exponent = switch (Character.toLowerCase(text.charAt(text.length() - 1))) {
                case 'k' -> 3;
                case 'm' -> 6;
                default -> 9;
            };
            return exactInteger(new BigDecimal(text.substring(0, numberEnd)).scaleByPowerOfTen(exponent));
        }
        return Optional.empty();
    }

    /** How many ASCII digits stand in {@code text} from {@code start} on. */
    private static int digits(String text, int start) {
        int end = start;
        while (end < text.length() && isDigit(text.charAt(end))) {
            end++;
        }
        return end - start;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** "1,024" or "12,400,000": 1-3 digits, then groups of a comma and 3 digits. */
    private static boolean isGroupedInteger(String text, int leadingDigits) {
        if (leadingDigits < 1 || leadingDigits > 3 || leadingDigits == text.length()) {
            return false;
        }
        int i = leadingDigits;
        while (i < text.length()) {
            if (text.charAt(i) != ',' || digits(text, i + 1) < 3) {
                return false;
            }
            i += 4;
        }
        return i == text.length();
    }

    /**
     * For "350k", "1.2M" or "7 B" (digits, optionally a point and digits, white space, one of
     * k, m, b in either case), where the number ends; -1 for any other text.
     */
    private static int suffixedNumberEnd(String text, int leadingDigits) {
        if (leadingDigits == 0) {
            return -1;
        }
        int end = leadingDigits;
        if (end < text.length() && text.charAt(end) == '.') {
            int fraction = digits(text, end + 1);
            if (fraction == 0) {
                return -1;
            }
            end += 1 + fraction;
        }
        int suffix = end;
        while (suffix < text.length() && isRegexSpace(text.charAt(suffix))) {
            suffix++;
        }
        if (suffix != text.length() - 1) {
            return -1;
        }
        return "kKmMbB".indexOf(text.charAt(suffix)) >= 0 ? end : -1;
    }

    /** White space as a regular expression's \s sees it. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** A commit SHA, as {@link #COMMIT_SHA} matches it: 7 to 40 hex digits. */
    static boolean isCommitSha(String text) {
        if (text.length() < 7 || text.length() > 40) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    /** The match of {@link #GITHUB_PATH} on the URL, or null; only a github.com URL is matched at all. */
    private static Matcher githubPath(String url) {
        if (!url.startsWith("https://github.com/") && !url.startsWith("http://github.com/")) {
            return null;
        }
        Matcher matcher = GITHUB_PATH.matcher(url);
        return matcher.matches() ? matcher : null;
    }

    private static Optional<BigInteger> exactInteger(BigDecimal number) {
        try {
            return Optional.of(number.toBigIntegerExact());
        } catch (ArithmeticException notWhole) {
            return Optional.empty();
        }
    }

    static Optional<BigDecimal> decimal(String text) {
        String trimmed = text.trim();
        return isDecimal(trimmed) ? Optional.of(new BigDecimal(trimmed)) : Optional.empty();
    }

    /**
     * A plain decimal as JSON and Java write one, with an optional sign, point and exponent
     * ("-0.91", ".5", "5.", "1e-3"); the digits are ASCII.
     */
    static boolean isDecimal(String text) {
        int i = text.startsWith("+") || text.startsWith("-") ? 1 : 0;
        int whole = digits(text, i);
        i += whole;
        int fraction = 0;
        if (i < text.length() && text.charAt(i) == '.') {
            fraction = digits(text, i + 1);
            i += 1 + fraction;
        }
        if (whole == 0 && fraction == 0) {
            return false;
        }
        if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponent = digits(text, i);
            if (exponent == 0) {
                return false;
            }
            i += exponent;
        }
        return i == text.length();
    }

    private static String shorten(JsonNode value) {
        // a value cut in the middle of a surrogate pair would leave half of it: no writer can write that
        return Text.validUnicode(Text.shortened(value.toString()));
    }

    private static Map<String, List<String>> linked(Object... pairs) {
        Map<String, List<String>> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> aliases = (List<String>) pairs[i + 1];
            map.put((String) pairs[i], aliases);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** Step 2 for each artifact of a batch, in order. */
    public void normalizeAll(List<Assessment> batch) {
        batch.forEach(this::normalize);
    }
}
