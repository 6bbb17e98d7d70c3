package io.clientele.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used by this JVM and by an embedded PostgreSQL server (its postmaster and every backend), read from
 * /proc: on a shared machine, where other work stretches the elapsed time, what a scenario itself costs.
 */
final class CpuClock {
    private static final long TICK_MILLIS = 10; // USER_HZ is 100 on Linux

    private CpuClock() {}

    /** Milliseconds of CPU so far; the server's pid is the first line of its {@code postmaster.pid}. */
    static long millis(Path postmasterPid) throws IOException {
        long server =
                Long.parseLong(Files.readAllLines(postmasterPid).getFirst().strip());
        long ticks = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes
                    .filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                String stat;
                try {
                    stat = Files.readString(process.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                // after the command in parentheses: state, ppid, …; utime and stime are fields 14 and 15
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid == server || Long.parseLong(fields[1]) == server) {
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        }
        return ticks * TICK_MILLIS + jvmMillis();
    }

    /** Milliseconds of CPU this JVM used so far. */
    static long jvmMillis() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1_000_000;
    }

    /** The one-minute load average. */
    static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }
}
