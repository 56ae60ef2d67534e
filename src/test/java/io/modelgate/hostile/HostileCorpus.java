package io.modelgate.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Crafted inbox entries a hostile or careless user drops, each with where it must end, the reason
 * code it must carry and what must be in the database afterwards. Raw text on purpose: most of
 * them are not the JSON a library would write.
 */
final class HostileCorpus {
    /** Where an entry ends. */
    enum Place {
        /** moved to .done/, its artifact settled in the channel given */
        DONE,
        /** moved to .failed/ with its error file */
        FAILED,
        /** not read, left where it is, named in the run's report under "Left alone (not read)" */
        LEFT,
        /** not read, left where it is without a word (hidden names, other extensions) */
        IGNORED
    }

    /** How an entry is made: a regular file with content, or something that is not one. */
    enum Kind { FILE, FIFO, SYMLINK, DIRECTORY }

    /**
     * One crafted entry.
     *
     * @param name     its file name as raw bytes (names need not be UTF-8)
     * @param content  a regular file's bytes; a symbolic link's target as UTF-8
     * @param channel  for DONE: the channel of its artifact
     * @param code     a reason code it must carry (null: none asserted)
     * @param fragment text its error file or its reasons must contain (null: none asserted)
     * @param id       the artifact id, where one is to be checked in the database
     * @param stored   whether that id has a model_versions row afterwards
     */
    record Case(byte[] name, Kind kind, byte[] content, Place place, String channel, String code, String fragment,
                String id, boolean stored) {
        String shownName() {
            return new String(name, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return shownName().replace("\n", "\\n");
        }
    }

    static final String VALID = "\"model_family\": \"gradient boosting\", \"framework\": \"lightgbm\","
            + " \"parameter_count\": 5000, \"training_data\": \"ADNI\", \"evaluation_dataset\": \"ADNI holdout\"";
    /** Random text PostgreSQL cannot put into one btree index entry, even compressed. */
    static final String UNINDEXABLE = IntStream.range(0, 300).mapToObj(i -> UUID.randomUUID().toString())
            .collect(Collectors.joining(" "));

    private final List<Case> cases = new ArrayList<>();
    private int next;

    static String doc(String id, String topLevel, String metadata) {
        return "{\"id\": \"" + id + "\", \"artifact_type\": \"model\", \"title\": \"Model " + id + "\"" + topLevel
                + ", \"metadata\": {" + metadata + "}}";
    }

    static String metrics(String extra) {
        return VALID + extra + ", \"evaluation_metrics\": {\"auc\": 0.8}";
    }

    private String id() {
        return String.format("model-hostile-%03d", ++next);
    }

    private void add(String name, Kind kind, byte[] content, Place place, String channel, String code, String fragment,
                     String id, boolean stored) {
        cases.add(new Case(name.getBytes(StandardCharsets.UTF_8), kind, content, place, channel, code, fragment, id, stored));
    }

    /** A file that must fail with this code (and text), nothing of it stored. */
    private void fails(String name, String content, String code, String fragment) {
        add(name, Kind.FILE, content.getBytes(StandardCharsets.UTF_8), Place.FAILED, null, code, fragment, null, false);
    }

    private void failsBytes(String name, byte[] content, String code, String fragment) {
        add(name, Kind.FILE, content, Place.FAILED, null, code, fragment, null, false);
    }

    /** A document with a fresh id that must be settled in {@code channel} (registered unless held). */
    private void settles(String name, String topLevel, String metadata, String channel, String code, String fragment) {
        String id = id();
        add(name, Kind.FILE, doc(id, topLevel, metadata).getBytes(StandardCharsets.UTF_8), Place.DONE, channel, code,
                fragment, id, !channel.equals("review"));
    }

    /** A document with a fresh id that must fail with this code, nothing of it stored. */
    private void failsDoc(String name, String topLevel, String metadata, String code, String fragment) {
        String id = id();
        add(name, Kind.FILE, doc(id, topLevel, metadata).getBytes(StandardCharsets.UTF_8), Place.FAILED, null, code,
                fragment, id, false);
    }

    List<Case> build() {
        // ---- bytes and syntax: E-PARSE, one plain sentence, no library words
        fails("empty.json", "", "E-PARSE", null);
        fails("blank.json", "   \n\t ", "E-PARSE", null);
        fails("truncated.json", "{\"id\": \"model-x\", ", "E-PARSE", null);
        fails("two-objects.json", "{\"a\": 1}{\"b\": 2}", "E-PARSE", "more than one JSON value");
        fails("trailing-garbage.json", doc("model-tg", "", metrics("")) + " garbage", "E-PARSE", null);
        fails("nan.json", doc("model-nan", "", VALID + ", \"evaluation_metrics\": {\"auc\": NaN}"), "E-PARSE", "NaN");
        fails("infinity.json", doc("model-inf", "", VALID + ", \"evaluation_metrics\": {\"auc\": Infinity}"), "E-PARSE", null);
        fails("line-comment.json", "// a comment\n" + doc("model-c1", "", metrics("")), "E-PARSE", "comment");
        fails("block-comment.json", "/* c */" + doc("model-c2", "", metrics("")), "E-PARSE", "comment");
        fails("single-quotes.json", "{'id': 'model-sq'}", "E-PARSE", null);
        fails("unquoted-key.json", "{id: \"model-uq\"}", "E-PARSE", null);
        fails("trailing-comma.json", "{\"id\": \"model-tc\",}", "E-PARSE", null);
        fails("leading-zero.json", doc("model-lz", "", VALID + ", \"evaluation_metrics\": {\"auc\": 00.8}"), "E-PARSE", null);
        fails("hex-number.json", doc("model-hx", "", VALID + ", \"evaluation_metrics\": {\"auc\": 0x10}"), "E-PARSE", null);
        fails("duplicate-key.json", "{\"id\": \"model-dk\", \"id\": \"model-dk2\"}", "E-PARSE", null);
        fails("raw-control.json", "{\"id\": \"model-rc\", \"title\": \"a\u0001b\"}", "E-PARSE", null);
        fails("array-root.json", "[1, 2, 3]", "E-ENVELOPE", "one JSON object");
        fails("string-root.json", "\"model\"", "E-ENVELOPE", "one JSON object");
        fails("number-root.json", "42", "E-ENVELOPE", "one JSON object");
        fails("null-root.json", "null", "E-ENVELOPE", "one JSON object");
        failsBytes("latin1.json", bytes(doc("model-l1", "", metrics("")).replace("Model", "Mod\u00e8le"), "ISO-8859-1"),
                "E-PARSE", "UTF-8");
        failsBytes("utf16.json", bytes(doc("model-u16", "", metrics("")), "UTF-16"), "E-PARSE", null);
        failsBytes("invalid-byte.json", concat(bytes("{\"id\": \"model-ib\", \"title\": \"", "UTF-8"), new byte[] {(byte) 0xC3, 0x28},
                bytes("\"}", "UTF-8")), "E-PARSE", "UTF-8");
        failsBytes("overlong.json", concat(bytes("{\"id\": \"model-ol\", \"title\": \"", "UTF-8"),
                new byte[] {(byte) 0xC0, (byte) 0xAF}, bytes("\"}", "UTF-8")), "E-PARSE", "UTF-8");
        fails("deep.json", "{\"id\": \"model-deep\", \"x\": " + "[".repeat(70) + "]".repeat(70) + "}", "E-LIMIT", null);
        fails("huge-number.json", doc("model-hn", "", VALID + ", \"evaluation_metrics\": {\"auc\": 1" + "0".repeat(100_000) + "}"),
                "E-", null);
        fails("huge-string.json", doc("model-hs", "", metrics(", \"notes\": \"" + "x".repeat(70_000) + "\"")), "E-LIMIT", null);
        fails("over-size.json", doc("model-os", "", metrics(", \"notes\": [" + "\"abcdefghij\",".repeat(100_000) + "\"z\"]")),
                "E-LIMIT", "size limit");
        // ---- text that is not Unicode, or that PostgreSQL cannot hold: never stored as something else
        fails("lone-surrogate-title.json", "{\"id\": \"model-ls1\", \"artifact_type\": \"model\", \"title\": \"a\\ud800b\","
                + " \"metadata\": {" + metrics("") + "}}", "E-PARSE", null);
        fails("lone-surrogate-key.json", doc("model-ls2", "", metrics(", \"a\\udc00\": 1")), "E-PARSE", null);
        fails("lone-surrogate-metric.json", doc("model-ls3", "", metrics(", \"trained_by\": \"\\udbff\"")), "E-PARSE", null);
        fails("nul-value.json", doc("model-nul1", "", metrics(", \"notes\": \"a\\u0000b\"")), "E-PARSE", "NUL");
        fails("nul-key.json", doc("model-nul2", "", metrics(", \"a\\u0000b\": 1")), "E-PARSE", "\\u0000");
        // ---- envelope
        fails("no-id.json", "{\"artifact_type\": \"model\", \"title\": \"T\", \"metadata\": {}}", "E-ENVELOPE", "/id");
        fails("id-traversal.json", doc("../../etc/passwd", "", metrics("")), "E-ENVELOPE", "/id");
        fails("id-slash.json", doc("model/x", "", metrics("")), "E-ENVELOPE", "/id");
        fails("id-dot.json", doc(".model", "", metrics("")), "E-ENVELOPE", "/id");
        fails("id-space.json", doc("model x", "", metrics("")), "E-ENVELOPE", "/id");
        fails("id-long.json", doc("m" + "x".repeat(128), "", metrics("")), "E-ENVELOPE", "/id");
        fails("id-unicode.json", doc("mod\u00e8le", "", metrics("")), "E-ENVELOPE", "/id");
        fails("id-newline.json", doc("model\\nx", "", metrics("")), "E-ENVELOPE", "/id");
        fails("id-number.json", "{\"id\": 42, \"artifact_type\": \"model\", \"title\": \"T\", \"metadata\": {}}", "E-ENVELOPE", "/id");
        fails("id-sql.json", doc("x'; DROP TABLE artifacts; --", "", metrics("")), "E-ENVELOPE", "/id");
        fails("type-dataset.json", "{\"id\": \"model-ds\", \"artifact_type\": \"dataset\", \"title\": \"T\", \"metadata\": {}}",
                "E-ENVELOPE", "/artifact_type");
        fails("type-missing.json", "{\"id\": \"model-tm\", \"title\": \"T\", \"metadata\": {}}", "E-ENVELOPE", "/artifact_type");
        fails("no-title.json", "{\"id\": \"model-nt\", \"artifact_type\": \"model\", \"metadata\": {}}", "E-ENVELOPE", "/title");
        fails("title-number.json", "{\"id\": \"model-tn\", \"artifact_type\": \"model\", \"title\": 7, \"metadata\": {}}",
                "E-ENVELOPE", "/title");
        fails("metadata-array.json", "{\"id\": \"model-ma\", \"artifact_type\": \"model\", \"title\": \"T\", \"metadata\": []}",
                "E-ENVELOPE", "/metadata");
        fails("metadata-string.json", "{\"id\": \"model-ms\", \"artifact_type\": \"model\", \"title\": \"T\", \"metadata\": \"{}\"}",
                "E-ENVELOPE", "/metadata");
        fails("metadata-null.json", "{\"id\": \"model-mn\", \"artifact_type\": \"model\", \"title\": \"T\", \"metadata\": null}",
                "E-ENVELOPE", "/metadata");
        // ---- values the rules hold for a person, or note
        settles("unparseable-count.json", "", metrics("").replace("5000", "\"~1M\""), "review", "A-UNPARSEABLE", null);
        settles("unknown-count.json", "", metrics("").replace("5000", "\"unknown\""), "review", "A-UNPARSEABLE", null);
        settles("negative-count.json", "", metrics("").replace("5000", "-5"), "review", "V-SCHEMA", "/parameter_count");
        settles("huge-metric-string.json", "", VALID + ", \"evaluation_metrics\": {\"auc\": \"1e999\"}", "review", "A-UNPARSEABLE", null);
        settles("conflict.json", "", metrics(", \"model_type\": \"cnn\""), "review", "A-CONFLICT", null);
        settles("origin-conflict.json", ", \"origin_type\": \"internal\"", metrics(", \"is_external\": true,"
                + " \"external_source_url\": \"https://huggingface.co/o/m\", \"external_source_version\": \"abc1234\""),
                "review", "A-CONFLICT", null);
        settles("bad-date.json", "", metrics(", \"training_started_at\": \"last tuesday\""), "review", "A-UNPARSEABLE", null);
        settles("external-no-version.json", "", metrics(", \"is_external\": true, \"external_source_url\": \"https://huggingface.co/o/m\""),
                "review", "V-SCHEMA", "/external_source_version");
        settles("external-main.json", "", metrics(", \"is_external\": true, \"external_source_url\": \"https://huggingface.co/o/m\","
                + " \"external_source_version\": \"main\""), "review", "A-UNPINNED", null);
        settles("external-bad-url.json", "", metrics(", \"is_external\": true, \"external_source_url\": \"javascript:alert(1)\","
                + " \"external_source_version\": \"abc1234\""), "review", "V-SCHEMA", "/external_source_url");
        settles("commit-not-sha.json", "", metrics(", \"code_repo_url\": \"https://github.com/o/r\", \"code_commit_sha\": \"HEAD\""),
                "review", "A-UNPINNED", null);
        settles("base-missing.json", "", metrics(", \"base_model_id\": \"model-never-registered\""), "review", "A-REF", null);
        settles("metric-text.json", "", VALID + ", \"evaluation_metrics\": {\"auc\": \"high\"}", "review", null, null);
        settles("family-empty.json", "", metrics("").replace("\"gradient boosting\"", "\"\""), "review", "V-SCHEMA", "/model_family");
        settles("no-metrics.json", "", VALID + ", \"evaluation_metrics\": {}", "candidate", "G-NO-METRICS", null);
        settles("eval-gate.json", "", metrics("").replace("gradient boosting", "ODE solver"), "candidate", "G-EVAL-PENDING", null);
        // ---- credentials inside URLs: removed before anything is stored, logged or written
        settles("cred-github.json", "", metrics(", \"code_repo_url\": \"https://bot:ghp_AAAAsecretAAAA@github.com/org/repo\","
                + " \"code_commit_sha\": \"0123456789abcdef0123456789abcdef01234567\""), "promote", "N-CREDENTIALS-REMOVED", "/metadata/code_repo_url");
        settles("cred-tree-url.json", ", \"origin_url\": \"https://x-access-token:ghs_BBBBsecretBBBB@github.com/org/repo/tree/"
                + "0123456789abcdef0123456789abcdef01234567/train.py\"", metrics(""), "promote", "N-CREDENTIALS-REMOVED", "/origin_url");
        settles("cred-gitlab.json", "", metrics(", \"code_url\": \"https://oauth2:glpat-CCCCsecretCCCC@gitlab.com/org/repo\""),
                "promote", "N-CREDENTIALS-REMOVED", null);
        settles("cred-hf.json", "", metrics(", \"is_external\": true, \"external_source_url\":"
                + " \"https://user:hf_DDDDsecretDDDD@huggingface.co/org/model\", \"external_source_version\": \"abc1234\""),
                "promote", "N-CREDENTIALS-REMOVED", "/metadata/external_source_url");
        settles("cred-token-only.json", "", metrics(", \"dataset_url\": \"https://EEEEsecretEEEE@data.example.org/x\""),
                "promote", "N-CREDENTIALS-REMOVED", null);
        // ---- text that must stay text: stored as given, never structure in a report or ticket
        settles("sql-title.json", ", \"title_extra\": \"'; DROP TABLE model_versions; --\"",
                metrics(", \"notes\": \"Robert'); DROP TABLE artifacts;--\""), "promote", null, null);
        settles("html-values.json", "", metrics(", \"notes\": \"<script>alert(1)</script><img src=x onerror=alert(1)><!--\""),
                "promote", null, null);
        settles("markdown-values.json", "", metrics(", \"notes\": \"ADNI\\n# Injected heading\\n```\\n| a | b |\""),
                "promote", null, null);
        settles("data-url.json", "", metrics(", \"notes\": \"data:text/html,<script>alert(1)</script>\""), "promote", null, null);
        settles("emoji.json", "", metrics(", \"notes\": \"\ud83d\ude80 r\u00e9sum\u00e9 \u202e\u200b\""), "promote", null, null);
        settles("escaped-pair.json", "", metrics(", \"notes\": \"\\ud83d\\ude80\""), "promote", null, null);
        settles("remote-ref.json", "", metrics(", \"$ref\": \"http://evil.example/schema.json\""), "promote", null, null);
        settles("proto-keys.json", "", metrics(", \"__proto__\": {\"admin\": true}, \"constructor\": 1"), "promote", null, null);
        settles("big-but-fine.json", "", metrics(", \"notes\": \"" + "y".repeat(60_000) + "\""), "promote", null, null);
        settles("tiny-metric.json", "", VALID + ", \"evaluation_metrics\": {\"auc\": 1e-300, \"loss\": 0.1000}", "promote", null, null);
        settles("exact-decimal.json", "", VALID + ", \"evaluation_metrics\": {\"auc\": 0.30000000000000004}", "promote", null, null);
        failsDoc("huge-metric.json", "", VALID + ", \"evaluation_metrics\": {\"auc\": 1e400}", "E-PARSE", "out of the range");
        failsDoc("unindexable.json", "", metrics(", \"trained_by\": \"" + UNINDEXABLE + "\""), "E-LIMIT", "PostgreSQL cannot store");
        // ---- names: any name the file system takes is read, or named as left alone
        settles("sp ace.json", "", metrics(""), "promote", null, null);
        settles("pi|pe.json", "", metrics(""), "promote", null, null);
        settles("q\"uote.json", "", metrics(""), "promote", null, null);
        settles("star*.json", "", metrics(""), "promote", null, null);
        settles("dollar$HOME.json", "", metrics(""), "promote", null, null);
        settles("hash#pct%20.json", "", metrics(""), "promote", null, null);
        settles("brace{x}.json", "", metrics(""), "promote", null, null);
        settles("semi;amp&.json", "", metrics(""), "promote", null, null);
        settles("paren(1).json", "", metrics(""), "promote", null, null);
        settles("mod\u00e8le-\u6a21\u578b.json", "", metrics(""), "promote", null, null);
        settles("Upper.JSON", "", metrics(""), "promote", null, null);
        settles("-dash-first.json", "", metrics(""), "promote", null, null);
        settles("L".repeat(250) + ".json", "", metrics(""), "promote", null, null);
        fails("B".repeat(250) + ".json", "{broken", "E-PARSE", null);
        leftFile("nl\nx.json", "control character");
        leftFile("cr\rx.json", "control character");
        leftFile("tab\tx.json", "control character");
        leftFile("back\\slash.json", "backslash");
        cases.add(new Case(concat(bytes("bad", "UTF-8"), new byte[] {(byte) 0xFF}, bytes("utf.json", "UTF-8")), Kind.FILE,
                doc(id(), "", metrics("")).getBytes(StandardCharsets.UTF_8), Place.LEFT, null, null, "not valid UTF-8", null, false));
        // ---- entries that are not regular files: never opened
        add("pipe.json", Kind.FIFO, null, Place.LEFT, null, null, "named pipe", null, false);
        add("evil.json", Kind.SYMLINK, bytes("/etc/passwd", "UTF-8"), Place.LEFT, null, null, "symbolic link", null, false);
        add("outside.json", Kind.SYMLINK, bytes("../outside/valid.json", "UTF-8"), Place.LEFT, null, null, "symbolic link",
                "model-outside", false);
        add("dangling.json", Kind.SYMLINK, bytes("/nonexistent/x.json", "UTF-8"), Place.LEFT, null, null, "symbolic link", null, false);
        add("dir.json", Kind.DIRECTORY, null, Place.LEFT, null, null, "directory", null, false);
        // ---- names the inbox ignores without a word
        add(".hidden.json", Kind.FILE, doc("model-hidden", "", metrics("")).getBytes(StandardCharsets.UTF_8), Place.IGNORED,
                null, null, null, "model-hidden", false);
        add("upload.json.part", Kind.FILE, doc("model-part", "", metrics("")).getBytes(StandardCharsets.UTF_8), Place.IGNORED,
                null, null, null, "model-part", false);
        add("upload.json.tmp", Kind.FILE, doc("model-tmp", "", metrics("")).getBytes(StandardCharsets.UTF_8), Place.IGNORED,
                null, null, null, "model-tmp", false);
        add("notes.txt", Kind.FILE, bytes("not a document", "UTF-8"), Place.IGNORED, null, null, null, null, false);
        return cases;
    }

    private void leftFile(String name, String fragment) {
        add(name, Kind.FILE, doc(id(), "", metrics("")).getBytes(StandardCharsets.UTF_8), Place.LEFT, null, null, fragment,
                null, false);
    }

    static byte[] bytes(String text, String charset) {
        return text.getBytes(java.nio.charset.Charset.forName(charset));
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
