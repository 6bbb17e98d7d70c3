package io.clientele.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Importing a file in the foreground, start to end, for commands and benchmarks: resumes the unfinished import
 * of the same file if there is one, otherwise creates one with the given (or automatic) mapping.
 */
@Service
public class Imports {
    private final ImportJobs jobs;
    private final ImportRunner runner;

    Imports(ImportJobs jobs, ImportRunner runner) {
        this.jobs = jobs;
        this.runner = runner;
    }

    /** A started import: resumed from an earlier run, or new. */
    public record Started(ImportJob job, boolean resumed) {}

    /**
     * Finds or creates the import of {@code file}; {@code mapping} (null: automatic) applies to a new one only.
     *
     * @throws IllegalArgumentException when the mapping misses required fields or columns
     */
    public Started prepare(ImportKind kind, Path file, String source, @Nullable ColumnMapping mapping, String user)
            throws IOException {
        ImportJob job = jobs.unfinished(kind, file).orElse(null);
        if (job != null && (job.status() != ImportJob.Status.UPLOADED || job.checkpointOffset() > 0)) {
            return new Started(job, true);
        }
        if (job == null) {
            job = jobs.create(kind, source, file, file.getFileName().toString(), null, user);
        }
        ColumnMapping chosen = mapping != null ? mapping : ColumnMapping.automatic(kind, job.header());
        return new Started(jobs.mapForForeground(job.id(), chosen), false);
    }

    /**
     * Runs a prepared import to its end; {@code progress} hears after every committed chunk.
     *
     * @throws ImportBusyException when another process is running this import
     */
    public ImportJob run(ImportJob job, Consumer<ImportJob> progress) {
        return runner.run(job, progress::accept);
    }
}
