package io.modelgate.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * After a step failed through all its retries because the database was away, the inputs that
 * come in the next moments ({@code modelgate.db.away-seconds}) are left for the next run at
 * once, instead of each waiting through the retries again. The first input after that moment
 * tries the database again.
 */
public final class DatabaseCircuit {
    private final Clock clock;
    private final Duration openFor;
    private volatile Instant openUntil = Instant.MIN;

    public DatabaseCircuit(Clock clock, Duration openFor) {
        this.clock = clock;
        this.openFor = openFor;
    }

    /** The database failed after its retries: leave inputs alone for a while. */
    public void failed() {
        openUntil = clock.instant().plus(openFor);
    }

    /** Whether inputs are being left alone now. */
    public boolean isOpen() {
        return clock.instant().isBefore(openUntil);
    }

    /** @throws DatabaseAwayException while inputs are being left alone */
    public void ensureClosed() {
        if (isOpen()) {
            throw new DatabaseAwayException("the database failed after its retries moments ago");
        }
    }
}
