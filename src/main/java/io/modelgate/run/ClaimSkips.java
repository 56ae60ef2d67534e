package io.modelgate.run;

import java.time.Duration;

/**
 * Who hears of the files this instance leaves alone because it could not claim them (the inbox's
 * and the decision files' claims). Camel's file consumer skips such a file without a word; a run
 * must say it left one, and why ({@link LeftAloneFiles}).
 */
public interface ClaimSkips {
    /**
     * Another process holds the file's claim, for {@code held} so far; {@code holderAlive} when
     * that process is known to live (its presence lock is held), so it reads the file itself.
     * {@code toldBefore} when this claim was told already, at an earlier poll.
     */
    void claimedElsewhere(String key, Duration held, boolean holderAlive, boolean toldBefore);

    /** The claim could not be tried (the database failed): the file stays for the next run. */
    void notClaimed(String key, String problem);
}
