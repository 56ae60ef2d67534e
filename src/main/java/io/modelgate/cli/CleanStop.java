package io.modelgate.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's exit status after SIGTERM. The JVM ends a process it shuts down on a signal with
 * 128 + the signal (143); once the daemon has finished its in-flight work and closed the
 * database, this hook ends the process with 0 instead, so service managers see a clean stop.
 * When the daemon failed, the hook steps aside and the failure's exit status stands.
 */
final class CleanStop {
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean clean;

    private CleanStop() {
    }

    static CleanStop install() {
        CleanStop stop = new CleanStop();
        Runtime.getRuntime().addShutdownHook(new Thread(stop::haltWhenClean, "modelgate-clean-stop"));
        return stop;
    }

    void stoppedCleanly() {
        clean = true;
    }

    void done() {
        done.countDown();
    }

    private void haltWhenClean() {
        try {
            if (done.await(2, TimeUnit.MINUTES) && clean) {
                Runtime.getRuntime().halt(ModelgateCli.OK);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
