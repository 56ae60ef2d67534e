package io.modelgate.output;

import io.modelgate.model.ClaimedElsewhere;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The files a run left alone because another process held their claims: counted, and the first
 * {@value #NAMED} of each kind kept by name (instances sharing an inbox may leave each other
 * hundreds of files in one poll). Those whose holder could not be told alive are kept apart:
 * nobody may be reading them, so a run that left one did not finish its work.
 */
public final class ClaimedFiles {
    static final int NAMED = 100;

    private final AtomicInteger toLiveHolders = new AtomicInteger();
    private final AtomicInteger unconfirmed = new AtomicInteger();
    private final List<ClaimedElsewhere> namedToLive = new CopyOnWriteArrayList<>();
    private final List<ClaimedElsewhere> namedUnconfirmed = new CopyOnWriteArrayList<>();

    void add(ClaimedElsewhere claim) {
        if (claim.holderAlive()) {
            keep(toLiveHolders, namedToLive, claim);
        } else {
            keep(unconfirmed, namedUnconfirmed, claim);
        }
    }

    private static void keep(AtomicInteger count, List<ClaimedElsewhere> names, ClaimedElsewhere claim) {
        if (count.incrementAndGet() <= NAMED) {
            names.add(claim);
        }
    }

    /** How many files were left alone, whoever holds them. */
    public int count() {
        return toLiveHolders.get() + unconfirmed.get();
    }

    /** How many of them are held by a process that could not be told alive. */
    public int unconfirmed() {
        return unconfirmed.get();
    }

    /** The files kept by name: those whose holder could not be told alive first, then those left to live instances. */
    public List<ClaimedElsewhere> named() {
        List<ClaimedElsewhere> named = new ArrayList<>(namedUnconfirmed);
        named.addAll(namedToLive);
        return named;
    }

    /** The files left to live instances, the first {@value #NAMED}. */
    public List<ClaimedElsewhere> toLiveHolders() {
        return List.copyOf(namedToLive);
    }

    /** The files whose holder could not be told alive, the first {@value #NAMED}. */
    public List<ClaimedElsewhere> toUnconfirmedHolders() {
        return List.copyOf(namedUnconfirmed);
    }
}
