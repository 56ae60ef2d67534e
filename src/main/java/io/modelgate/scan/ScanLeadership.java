package io.modelgate.scan;

import io.modelgate.config.ConfigurationException;
import io.modelgate.config.Settings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.file.cluster.FileLockClusterService;

/**
 * Which daemon runs the scheduled scan: the one holding Camel's file-lock cluster service's lock
 * in {@code modelgate.cluster.directory}, shared by every daemon. The lock is the operating
 * system's, released when its holder dies, so another daemon takes the scan over at its next
 * attempt ({@code modelgate.cluster.lease-millis}). On Kubernetes, a lease-based cluster service
 * (camel-kubernetes) would be bound here instead; the {@code master:} route would not change.
 */
public final class ScanLeadership {
    private ScanLeadership() {
    }

    /**
     * The cluster service of this daemon.
     *
     * @throws ConfigurationException when the lock directory cannot be created or written
     */
    public static FileLockClusterService clusterService(Settings settings) {
        Path directory = settings.getPath(Settings.CLUSTER_DIRECTORY).toAbsolutePath();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ConfigurationException(Settings.CLUSTER_DIRECTORY + ": cannot create the lock directory "
                    + directory + " (" + e.getMessage() + ")");
        }
        if (!Files.isWritable(directory)) {
            throw new ConfigurationException(Settings.CLUSTER_DIRECTORY + ": the lock directory " + directory
                    + " is not writable");
        }
        FileLockClusterService service = new FileLockClusterService();
        // one id per process: the host and the pid
        service.setId("modelgate-" + ManagementFactory.getRuntimeMXBean().getName());
        service.setRoot(directory.toString());
        service.setAcquireLockDelay(100, TimeUnit.MILLISECONDS);
        service.setAcquireLockInterval(settings.getInt(Settings.CLUSTER_LEASE_MILLIS), TimeUnit.MILLISECONDS);
        return service;
    }
}
