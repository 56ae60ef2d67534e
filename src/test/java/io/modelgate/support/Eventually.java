package io.modelgate.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition a process brings about, up to 60 s; the failure says what the process logged. */
public final class Eventually {
    private Eventually() {
    }

    public static void waitFor(BooleanSupplier condition, Supplier<String> logs) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met in 60 s; logs:\n" + logs.get());
            }
            Thread.sleep(200);
        }
    }

    /** The text of a log file, or why it cannot be read. */
    public static String read(java.nio.file.Path log) {
        try {
            return java.nio.file.Files.readString(log);
        } catch (java.io.IOException e) {
            return "(" + log + " cannot be read: " + e.getMessage() + ")";
        }
    }
}
