package io.clientele.bench;

import java.time.LocalDate;

/** The line every figure is recorded with: date, cores, heap, JVM. */
final class Machine {
    private Machine() {}

    static String describe() {
        Runtime runtime = Runtime.getRuntime();
        return "%s, %d cores, heap %d MiB, Java %s"
                .formatted(
                        LocalDate.now(), runtime.availableProcessors(), runtime.maxMemory() >> 20, Runtime.version());
    }
}
