package io.clientele.drill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** The results of a drill as Markdown: printed, and written to {@code target/drills/<name>.md}. */
final class DrillReport {
    private final String name;
    private final StringBuilder text = new StringBuilder();

    DrillReport(String name) {
        this.name = name;
    }

    DrillReport line(String format, Object... arguments) {
        text.append(arguments.length == 0 ? format : format.formatted(arguments))
                .append('\n');
        return this;
    }

    /** Writes what was gathered so far (again after every kill, so a failed drill leaves its figures). */
    void save() throws IOException {
        Path file = Path.of("target/drills", name + ".md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "<!-- " + Instant.now() + " -->\n" + text);
    }

    void print() {
        System.out.println(text);
    }

    static String machine() {
        return "%d cores (nproc), Java %s".formatted(Runtime.getRuntime().availableProcessors(), Runtime.version());
    }
}
