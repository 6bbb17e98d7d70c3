package io.clientele.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/** One timed piece of work: its result, wall and CPU milliseconds (JVM and server), and the load average after. */
record Timed<T>(T result, long millis, long cpuMillis, String load) {
    static <T> Timed<T> of(Path postmasterPid, Supplier<T> work) throws IOException {
        long cpu = CpuClock.millis(postmasterPid);
        long start = System.nanoTime();
        T result = work.get();
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Timed<>(result, millis, CpuClock.millis(postmasterPid) - cpu, CpuClock.load());
    }

    /** The report's cells for ours against the baseline: ms, CPU ms and load of each, and the ratio of the times. */
    static String cells(Timed<?> ours, Timed<?> plain) {
        return "%,d | %,d | %s | %,d | %,d | %s | %.2f |"
                .formatted(
                        ours.millis,
                        ours.cpuMillis,
                        ours.load,
                        plain.millis,
                        plain.cpuMillis,
                        plain.load,
                        (double) ours.millis / plain.millis);
    }
}
