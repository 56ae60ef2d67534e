package io.modelgate.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelgate.hostile.HostileCorpus.Case;
import io.modelgate.hostile.HostileCorpus.Place;
import io.modelgate.model.Json;
import io.modelgate.run.RunResult;
import io.modelgate.support.PipelineHarness;
import io.modelgate.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile corpus dropped into one inbox and one decisions folder, and run --once: every entry
 * ends where it must, with the reason it must carry, and the database holds what it must; no
 * secret, no file outside the inbox and no library word leaks into what people read; then a
 * second run, and a run over the same files dropped again, change nothing.
 */
class HostileInputTest {
    /** Words that must never reach what people read: library internals, secrets, what a link pointed at. */
    private static final List<String> NEVER_SHOWN = List.of("com.fasterxml", "Exception", "\tat ", "JsonReadFeature",
            "ALLOW_", "FAIL_ON_", "ghp_AAAA", "ghs_BBBB", "glpat-CCCC", "hf_DDDD", "EEEEsecretEEEE", "root:x:0:0");

    @TempDir
    Path root;

    @Test
    void everyHostileEntryEndsWhereItMustAndASecondRunIsANoOp() throws Exception {
        List<Case> cases = new HostileCorpus().build();
        List<DecisionCase> decisions = decisionCases();
        assertThat(cases.size() + decisions.size()).isGreaterThanOrEqualTo(100);
        try (TestDatabase database = TestDatabase.start()) {
            PipelineHarness harness = new PipelineHarness(database, root);
            // two registered models for the reviewers' decisions
            database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata) VALUES"
                    + " ('model-decide-1', 'model', 'Decide 1', '{" + HostileCorpus.metrics("") + "}'),"
                    + " ('model-decide-2', 'model', 'Decide 2', '{" + HostileCorpus.metrics("") + "}'),"
                    + " ('dataset-clash', 'dataset', 'A data set', '{}')");
            assertThat(harness.backfill().count("promote")).isEqualTo(2);
            Path inbox = Files.createDirectories(harness.inbox());
            Path outside = Files.createDirectories(root.resolve("outside"));
            Files.writeString(outside.resolve("valid.json"), HostileCorpus.doc("model-outside", "", HostileCorpus.metrics("")));
            for (Case c : cases) {
                make(inbox, c);
            }
            Files.writeString(inbox.resolve("clash.json"), HostileCorpus.doc("dataset-clash", "", HostileCorpus.metrics("")));
            Path decisionsFolder = Files.createDirectories(harness.reviewQueue().resolve("decisions"));
            for (DecisionCase d : decisions) {
                d.make(decisionsFolder);
            }

            RunResult first = harness.once();

            Map<String, JsonNode> summary = summaryByFile(first);
            String report = Files.readString(first.report());
            SoftAssertions soft = new SoftAssertions();
            for (Case c : cases) {
                check(soft, c, inbox, summary, report, database);
            }
            JsonNode clash = summary.getOrDefault("dataset-clash", Json.object());
            soft.assertThat(clash.path("channel").asText()).as("clash.json: %s", summary.keySet()).isEqualTo("review");
            soft.assertThat(clash.path("reasons").toString()).as("clash.json").contains("already belongs to a dataset");
            for (DecisionCase d : decisions) {
                d.check(soft, decisionsFolder, report);
            }
            // what people read: no library words, no secrets, nothing of what a link pointed at
            for (String text : readable(root, database)) {
                for (String never : NEVER_SHOWN) {
                    soft.assertThat(text).as("shown text holding %s", never).doesNotContain(never);
                }
            }
            // a value never adds structure to the report: no heading of its own, fences in pairs
            soft.assertThat(report.lines().filter(l -> l.startsWith("#")).filter(l -> l.contains("Injected")).toList()).isEmpty();
            soft.assertThat(report).doesNotContain("<script").doesNotContain("<img").doesNotContain("<!--");
            soft.assertAll();

            // a second run over the same inbox: the entries left are left again, nothing is written
            List<String> before = state(database);
            Map<String, String> ticketsBefore = tickets(harness.reviewQueue());
            RunResult second = harness.once();
            assertThat(state(database)).isEqualTo(before);
            assertThat(second.count("failed")).isZero();
            assertThat(second.unread().count()).isEqualTo(first.unread().count());
            assertThat(tickets(harness.reviewQueue())).isEqualTo(ticketsBefore);

            // the same files dropped again: every artifact is unchanged, nothing is written
            redrop(inbox);
            RunResult again = harness.once();
            assertThat(state(database)).isEqualTo(before);
            assertThat(Json.parse(Files.readString(again.summary())).get("artifacts").findValuesAsText("change"))
                    .doesNotContain("inserted", "updated");
        }
    }

    private static void make(Path inbox, Case c) throws IOException, InterruptedException {
        Path entry = inbox.resolve(new String(c.name(), StandardCharsets.UTF_8));
        if (!isUtf8(c.name())) {
            // a name that is not UTF-8: Java's paths cannot spell it, the shell's printf can (byte 0xFF)
            String spelled = new String(c.name(), StandardCharsets.ISO_8859_1).replace("\u00ff", "\\377");
            Process shell = new ProcessBuilder("sh", "-c", "cat > \"$1/$(printf '%b' '" + spelled + "')\"", "sh",
                    inbox.toString()).start();
            shell.getOutputStream().write(c.content());
            shell.getOutputStream().close();
            assertThat(shell.waitFor()).isZero();
            return;
        }
        switch (c.kind()) {
            case FILE -> Files.write(entry, c.content());
            case DIRECTORY -> Files.createDirectory(entry);
            case SYMLINK -> Files.createSymbolicLink(entry, Path.of(new String(c.content(), StandardCharsets.UTF_8)));
            case FIFO -> assertThat(new ProcessBuilder("mkfifo", entry.toString()).start().waitFor()).isZero();
        }
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static void check(SoftAssertions soft, Case c, Path inbox, Map<String, JsonNode> summary, String report,
                              TestDatabase database) throws IOException {
        String name = c.shownName();
        Path done = inbox.resolve(".done").resolve(name);
        Path failed = inbox.resolve(".failed").resolve(name);
        switch (c.place()) {
            case DONE -> {
                soft.assertThat(Files.exists(done, LinkOption.NOFOLLOW_LINKS)).as("%s in .done", c).isTrue();
                JsonNode entry = summary.get(c.id());
                soft.assertThat(entry).as("%s in the summary (%s)", c, summary.keySet().stream().sorted().limit(8).toList()).isNotNull();
                if (entry != null) {
                    soft.assertThat(entry.path("channel").asText()).as("%s channel", c).isEqualTo(c.channel());
                    if (c.code() != null) {
                        soft.assertThat(entry.path("reasons").findValuesAsText("code")).as("%s codes", c).contains(c.code());
                    }
                    if (c.fragment() != null) {
                        soft.assertThat(entry.path("reasons").toString() + entry.path("errors")).as("%s reasons", c)
                                .contains(c.fragment());
                    }
                }
            }
            case FAILED -> {
                soft.assertThat(Files.exists(failed)).as("%s in .failed", c).isTrue();
                String errors = errorFileOf(inbox.resolve(".failed"), name);
                soft.assertThat(errors).as("%s error file", c).isNotNull();
                if (errors != null) {
                    soft.assertThat(errors.lines().findFirst().orElse("")).as("%s error file's first line", c)
                            .startsWith(name.length() > 200 ? name.substring(0, 50) : name + ": ");
                    if (c.code() != null) {
                        soft.assertThat(errors).as("%s code", c).contains(": " + c.code());
                    }
                    if (c.fragment() != null) {
                        soft.assertThat(errors).as("%s message", c).contains(c.fragment());
                    }
                }
            }
            case LEFT -> {
                soft.assertThat(Files.exists(done, LinkOption.NOFOLLOW_LINKS) || Files.exists(failed, LinkOption.NOFOLLOW_LINKS))
                        .as("%s moved", c).isFalse();
                soft.assertThat(report).as("%s named as left alone", c).contains("## Left alone (not read)");
                soft.assertThat(report).as("%s reason", c).contains(c.fragment());
            }
            case IGNORED -> soft.assertThat(report).as("%s not named", c).doesNotContain(name);
        }
        if (c.id() != null) {
            soft.assertThat(database.count("SELECT count(*) FROM model_versions WHERE artifact_id = '" + c.id() + "'"))
                    .as("%s row", c).isEqualTo(c.stored() ? 1 : 0);
        }
    }

    /** The error file of a failed entry: {@code <name>.error.txt}, or the shortened one whose first line names it. */
    private static String errorFileOf(Path failedFolder, String name) throws IOException {
        Path plain = failedFolder.resolve(name + ".error.txt");
        if (name.length() < 200 && Files.exists(plain)) {
            return Files.readString(plain);
        }
        try (Stream<Path> files = Files.list(failedFolder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".error.txt")).toList()) {
                String text = Files.readString(file);
                if (text.startsWith(name + ": ")) {
                    return text;
                }
            }
        }
        return null;
    }

    /** The summary's entries by id, and by file for those without one. */
    private static Map<String, JsonNode> summaryByFile(RunResult run) throws IOException {
        Map<String, JsonNode> entries = new HashMap<>();
        for (JsonNode artifact : Json.parse(Files.readString(run.summary())).get("artifacts")) {
            if (artifact.hasNonNull("id")) {
                entries.put(artifact.get("id").asText(), artifact);
            }
            if (artifact.hasNonNull("file")) {
                entries.put(artifact.get("file").asText(), artifact);
            }
        }
        return entries;
    }

    /** Every text a person reads: error files, the reports, the tickets, and what the database stores. */
    private static List<String> readable(Path root, TestDatabase database) throws IOException {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".error.txt") || name.endsWith(".md") || name.endsWith(".md.json")
                        || (file.toString().contains("review-queue") && name.endsWith(".json") && !file.toString().contains("decisions"))) {
                    texts.add(Files.readString(file));
                }
            }
        }
        texts.add(database.single("SELECT string_agg(metadata::text, ' ') FROM artifacts"));
        texts.add(database.single("SELECT string_agg(coalesce(code_repo_url, '') || coalesce(external_source_url, ''), ' ')"
                + " FROM model_versions"));
        texts.add(database.single("SELECT string_agg(coalesce(metadata_after::text, ''), ' ') FROM model_version_events"));
        return texts;
    }

    private static List<String> state(TestDatabase database) {
        return List.of(
                database.single("SELECT md5(string_agg(artifact_id || promotion_state || coalesce(promotion_notes, '')"
                        + " || content_hash, ',' ORDER BY artifact_id)) FROM model_versions"),
                database.single("SELECT md5(string_agg(id || metadata::text, ',' ORDER BY id)) FROM artifacts"),
                database.single("SELECT count(*) FROM model_version_events"));
    }

    private static Map<String, String> tickets(Path reviewQueue) throws IOException {
        Map<String, String> tickets = new HashMap<>();
        try (Stream<Path> files = Files.list(reviewQueue)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                // the run that held it is named in each ticket: compare the rest
                tickets.put(file.getFileName().toString(), Files.readString(file).replaceAll("run-[0-9TZ]+-[0-9a-f]{8}", "run"));
            }
        }
        return tickets;
    }

    /** Every regular file of .done/ back into the inbox, as an operator dropping the same files again. */
    private static void redrop(Path inbox) throws IOException {
        try (Stream<Path> files = Files.list(inbox.resolve(".done"))) {
            for (Path file : files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                Files.move(file, inbox.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** A crafted decision file, where it must end and what its error file or the ticket must say. */
    private record DecisionCase(String name, String content, boolean applied, String fragment, boolean fifo) {
        void make(Path folder) throws IOException, InterruptedException {
            if (fifo) {
                assertThat(new ProcessBuilder("mkfifo", folder.resolve(name).toString()).start().waitFor()).isZero();
            } else if (content.startsWith("->")) {
                Files.createSymbolicLink(folder.resolve(name), Path.of(content.substring(2)));
            } else {
                Files.writeString(folder.resolve(name), content);
            }
        }

        void check(SoftAssertions soft, Path folder, String report) throws IOException {
            if (fifo || content.startsWith("->")) {
                soft.assertThat(Files.exists(folder.resolve(name), LinkOption.NOFOLLOW_LINKS)).as("decisions/%s stays", name).isTrue();
                soft.assertThat(report).as("decisions/%s named", name).contains("decisions/" + name);
                return;
            }
            if (applied) {
                Path refused = folder.resolve(".failed").resolve(name + ".error.txt");
                soft.assertThat(folder.resolve(".done").resolve(name)).as("decisions/%s done: %s", name,
                        Files.exists(refused) ? Files.readString(refused) : "").exists();
                return;
            }
            soft.assertThat(folder.resolve(".failed").resolve(name)).as("decisions/%s failed", name).exists();
            Path error = folder.resolve(".failed").resolve(name + ".error.txt");
            soft.assertThat(error).as("decisions/%s error file", name).exists();
            if (Files.exists(error) && fragment != null) {
                soft.assertThat(Files.readString(error)).as("decisions/%s message", name).contains(fragment);
            }
        }
    }

    private static String decision(String id, String decision, String reviewer, String note, String extra) {
        return "{\"id\": \"" + id + "\", \"decision\": \"" + decision + "\", \"reviewer\": \"" + reviewer
                + "\", \"note\": \"" + note + "\"" + extra + "}";
    }

    private static List<DecisionCase> decisionCases() {
        List<DecisionCase> d = new ArrayList<>();
        d.add(new DecisionCase("broken.json", "{\"id\": ", false, "not valid", false));
        d.add(new DecisionCase("array.json", "[]", false, null, false));
        d.add(new DecisionCase("unknown-decision.json", decision("model-decide-1", "approve", "alice", "n", ""), false, "/decision", false));
        d.add(new DecisionCase("no-reviewer.json", "{\"id\": \"model-decide-1\", \"decision\": \"reject\", \"note\": \"n\"}", false,
                "/reviewer", false));
        d.add(new DecisionCase("reviewer-spaces.json", decision("model-decide-1", "reject", "alice smith", "n", ""), false,
                "/reviewer", false));
        d.add(new DecisionCase("reviewer-newline.json", decision("model-decide-1", "reject", "alice\\n# x", "n", ""), false,
                "/reviewer", false));
        d.add(new DecisionCase("id-traversal.json", decision("../../etc/passwd", "reject", "alice", "n", ""), false, "/id", false));
        d.add(new DecisionCase("id-unknown.json", decision("model-nobody", "reject", "alice", "n", ""), false, "model-nobody", false));
        d.add(new DecisionCase("note-surrogate.json", decision("model-decide-1", "reject", "alice", "a\\ud800b", ""), false,
                "lone surrogate", false));
        d.add(new DecisionCase("metadata-array.json", decision("model-decide-1", "candidate", "alice", "n", ", \"metadata\": []"),
                false, "/metadata", false));
        d.add(new DecisionCase("no-note.json", "{\"id\": \"model-decide-1\", \"decision\": \"reject\", \"reviewer\": \"alice\"}",
                false, "/note", false));
        d.add(new DecisionCase("model-decide-2.json", decision("model-decide-2", "reject", "alice",
                "```\\n# Injected\\n<script>alert(1)</script>\\n| a | b |", ""), true, null, false));
        d.add(new DecisionCase("pipe.json", null, false, null, true));
        d.add(new DecisionCase("link.json", "->/etc/passwd", false, null, false));
        return d;
    }
}
