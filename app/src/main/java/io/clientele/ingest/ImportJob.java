package io.clientele.ingest;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An import of one file, with where it has got to. Counts are of data rows (for sales: receipt lines). */
public record ImportJob(
        long id,
        ImportKind kind,
        String source,
        String fileName,
        String filePath,
        long fileSize,
        String fingerprint,
        char delimiter,
        List<String> header,
        ColumnMapping mapping,
        Status status,
        long checkpointOffset,
        long checkpointLine,
        long read,
        long imported,
        long unchanged,
        long rejected,
        @Nullable String error,
        String createdBy,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt) {

    public enum Status {
        /** uploaded, waiting for its column mapping */
        UPLOADED,
        QUEUED,
        RUNNING,
        COMPLETED,
        FAILED;

        public boolean finished() {
            return this == COMPLETED || this == FAILED;
        }
    }

    /** Progress by bytes read, 0 to 100. */
    public int percent() {
        if (status == Status.COMPLETED) {
            return 100;
        }
        return fileSize == 0 ? 0 : (int) Math.min(99, checkpointOffset * 100 / fileSize);
    }

    public String summaryJson() {
        return "{\"job\":" + id + ",\"status\":\"" + status + "\",\"read\":" + read + ",\"imported\":" + imported
                + ",\"unchanged\":" + unchanged + ",\"rejected\":" + rejected + "}";
    }
}
