package io.modelgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTableTest {
    @Test
    void columnsAreAlignedAndTheTitleIsCutToTheWidthWithAnEllipsisNeverInHalfACharacter() {
        TerminalTable table = new TerminalTable().wholeColumn("id").column("state", 10).column("title", 0)
                .row("model-a", "promoted", "A title")
                .row("model-long-id", "candidate", "x".repeat(200))
                .row("model-c", "held", "y".repeat(70) + "\uD83D\uDE00" + "z".repeat(20));

        assertThat(table.lines()).containsExactly(
                "  id             state      title",
                "  model-a        promoted   A title",
                "  model-long-id  candidate  " + "x".repeat(71) + "\u2026",
                "  model-c        held       " + "y".repeat(70) + "\u2026");
        assertThat(table.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
    }

    @Test
    void anIdTooLongToLeaveTheTitleItsRoomStandsOnItsOwnLineAndIsNeverCut() {
        String id = "model-" + "9".repeat(90);
        TerminalTable table = new TerminalTable().wholeColumn("id").column("family", 12).column("title", 0)
                .row(id, "gradient-boosted trees", "Title\nwith a line break");

        assertThat(table.lines()).containsExactly(
                "  id",
                "      family        title",
                "  " + id,
                "      gradient-bo\u2026  Title\\nwith a line break");
    }
}
