package io.modelgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The CPU time a PostgreSQL server on this machine has used so far, all its processes: the
 * postmaster, every backend and background process alive now, and those that have ended (the
 * postmaster's reaped children). Read from {@code /proc}, so only for a server on this Linux
 * machine; the difference between two readings is what the server spent in between, which the
 * JVM's own CPU time does not show.
 */
final class ServerCpu {
    /** Clock ticks per second of /proc's times; 100 on every Linux this runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private ServerCpu() {
    }

    /** The server's CPU time so far in nanoseconds, or -1 when it cannot be read (not local, not Linux). */
    static long nanos(DataSource dataSource) {
        try {
            long postmaster = postmasterOf(backendPid(dataSource));
            if (postmaster <= 0) {
                return -1;
            }
            long ticks = 0;
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                for (Path process : (Iterable<Path>) processes::iterator) {
                    String name = process.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    long[] stat = stat(Long.parseLong(name));
                    if (stat == null) {
                        continue;
                    }
                    if (Long.parseLong(name) == postmaster) {
                        ticks += stat[1] + stat[2] + stat[3] + stat[4];
                    } else if (stat[0] == postmaster) {
                        ticks += stat[1] + stat[2];
                    }
                }
            }
            return ticks * 1_000_000_000L / TICKS_PER_SECOND;
        } catch (SQLException | IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long backendPid(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static long postmasterOf(long backend) {
        long[] stat = stat(backend);
        return stat == null ? -1 : stat[0];
    }

    /** Parent pid, user and system time, and the reaped children's user and system time, in ticks; null when gone. */
    private static long[] stat(long pid) {
        String line;
        try {
            line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return null;
        }
        // the command name, in parentheses, may hold spaces: the fields start after its closing one
        String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is the state; then ppid (1) ... utime (11), stime (12), cutime (13), cstime (14)
        return new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[11]), Long.parseLong(fields[12]),
                Long.parseLong(fields[13]), Long.parseLong(fields[14])};
    }
}
