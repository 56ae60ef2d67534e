package io.modelgate.db;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * The embedded PostgreSQL that another modelgate process (the daemon, typically) already runs on
 * a data directory. Only one process can start a server on a data directory; every other
 * command finds it through the {@code postmaster.pid} PostgreSQL keeps there (its process id on
 * the first line, its port on the fourth) and connects to it, so reviewers work while the daemon
 * runs. A file left by a server that is gone (its process dead, or nothing answering on its
 * port) is not a running server.
 */
public final class RunningEmbeddedServer {
    private static final int CONNECT_MILLIS = 1000;

    private RunningEmbeddedServer() {
    }

    /** The port of the server running on {@code dataDir}, or empty when none runs there. */
    public static OptionalInt port(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return OptionalInt.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.size() < 4) {
                return OptionalInt.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            int port = Integer.parseInt(lines.get(3).trim());
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive && answers(port) ? OptionalInt.of(port) : OptionalInt.empty();
        } catch (IOException | NumberFormatException e) {
            // a file being written or left half: no server to join, start as usual
            return OptionalInt.empty();
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), CONNECT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
