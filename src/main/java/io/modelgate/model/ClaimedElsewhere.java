package io.modelgate.model;

import java.time.Duration;

/**
 * A file a run left alone because another process held its claim when the run reached it: the
 * file, how long that claim had been held, and whether its holder was known to be alive. A live
 * holder reads the file itself. A claim whose holder cannot be told alive (made by a version that
 * did not name its holder) is taken over only once it expires, so the file waits for a later run.
 */
public record ClaimedElsewhere(String file, Duration held, boolean holderAlive) {
    /** Why the file was left, in plain words: {@code claimed by another instance, left for it (held for 4.2 s)}. */
    public String sentence() {
        return holderAlive
                ? "claimed by another instance, left for it (held for " + Text.duration(held) + ")"
                : "claimed by a process that cannot be told alive (held for " + Text.duration(held) + "), left for the"
                        + " next run, which takes it over once the claim is no longer refreshed";
    }
}
