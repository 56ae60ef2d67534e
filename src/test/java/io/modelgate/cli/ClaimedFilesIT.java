package io.modelgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.inbox.InboxTestFiles;
import io.modelgate.support.JarRunner;
import io.modelgate.support.JarRunner.Result;
import io.modelgate.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --once} meeting an inbox file another process has claimed: it leaves the file, says
 * so in its output and report with the claim's age, and exits 0 only when that process is known
 * to be alive; once the holder is gone, the next run takes the file over at once.
 */
class ClaimedFilesIT {
    private static final Pattern REPORT = Pattern.compile("report: (\\S+)");
    /** The presence key of the other instance, as its claims name it. */
    private static final long OTHER = 424242;

    @TempDir
    Path workDir;

    @Test
    void aFileClaimedByALiveInstanceIsLeftToItAndOneWhoseHolderCannotBeToldAliveIsNamedWithExitFour() throws Exception {
        try (TestDatabase server = TestDatabase.start()) {
            Path inbox = workDir.resolve("inbox");
            Files.createDirectories(inbox);
            String[] once = {"run", "--once", "--db-url", server.jdbcUrl(), "--db-user", server.user(),
                "--inbox", inbox.toString()};
            Result migrate = JarRunner.run(workDir, "migrate", "--db-url", server.jdbcUrl(), "--db-user", server.user());
            assertThat(migrate.exitCode()).as(migrate.all()).isZero();
            for (String id : new String[] {"model-held", "model-free"}) {
                Files.writeString(inbox.resolve(id + ".json"), InboxTestFiles.promotable(id));
            }

            try (Connection other = server.dataSource().getConnection(); Statement sql = other.createStatement()) {
                // another instance: alive (its presence lock held), working on model-held.json for 42 s
                sql.execute("SELECT pg_advisory_lock(" + OTHER + ")");
                sql.execute("INSERT INTO camel_messageprocessed (processorname, messageid, createdat, holder, claimed_at)"
                        + " VALUES ('modelgate-inbox', '" + inbox.resolve("model-held.json").toAbsolutePath() + "',"
                        + " localtimestamp, " + OTHER + ", localtimestamp - interval '42 seconds')");

                Result leftToIt = JarRunner.run(workDir, once);

                assertThat(leftToIt.exitCode()).as(leftToIt.all()).isZero();
                assertThat(leftToIt.stdout()).contains("1 file(s) claimed by another instance, left for it: model-held.json");
                assertThat(leftToIt.stderr()).contains("model-held.json: claimed by another instance, left for it (held for 4");
                assertThat(reportOf(leftToIt)).contains("## Claimed by other instances")
                        .contains("- `model-held.json`: claimed by another instance, left for it (held for 4");
                assertThat(inbox.resolve("model-held.json")).exists();
                assertThat(inbox.resolve(".done/model-free.json")).exists();
                // the other instance's claim stays: leaving a file must not release its holder's claim
                assertThat(server.count("SELECT count(*) FROM camel_messageprocessed WHERE holder = " + OTHER)).isEqualTo(1);

                // the same claim, as a version that did not name its holder keeps it: refreshed, and
                // nobody can tell its holder lives
                sql.execute("UPDATE camel_messageprocessed SET holder = NULL, createdat = localtimestamp");

                Result unsure = JarRunner.run(workDir, once);

                assertThat(unsure.exitCode()).as(unsure.all()).isEqualTo(4);
                assertThat(unsure.stdout()).contains("file model-held.json: claimed by a process that cannot be told alive");
                assertThat(reportOf(unsure)).contains("- `model-held.json`: claimed by a process that cannot be told alive");
                assertThat(inbox.resolve("model-held.json")).exists();

                sql.execute("UPDATE camel_messageprocessed SET holder = " + OTHER);
                // the other instance dies: PostgreSQL ends its session, and its lock goes with it
                server.execute("SELECT pg_terminate_backend(pid) FROM pg_locks"
                        + " WHERE locktype = 'advisory' AND objid = " + OTHER);
            }
            // so its claim is taken over at once, although it is younger than the claim expiry

            Result takenOver = JarRunner.run(workDir, once);

            assertThat(takenOver.exitCode()).as(takenOver.all()).isZero();
            assertThat(takenOver.stdout()).doesNotContain("claimed by");
            assertThat(inbox.resolve(".done/model-held.json")).exists();
            assertThat(inbox.resolve("model-held.json")).doesNotExist();
            assertThat(server.count("SELECT count(*) FROM model_versions")).isEqualTo(2);
            assertThat(server.count("SELECT count(*) FROM camel_messageprocessed")).isZero();
        }
    }

    private String reportOf(Result result) throws Exception {
        Matcher matcher = REPORT.matcher(result.stdout());
        assertThat(matcher.find()).as(result.all()).isTrue();
        return Files.readString(workDir.resolve(matcher.group(1)));
    }
}
