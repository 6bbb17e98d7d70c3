package io.clientele.segment;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A saved segment in its current version: the condition as JSON (format {@link #format()}), and for a snapshot when
 * it was frozen and how many customers it held then.
 */
public record SavedSegment(
        long id,
        String name,
        @Nullable String description,
        Kind kind,
        int format,
        JsonNode condition,
        int version,
        String createdBy,
        Instant createdAt,
        String updatedBy,
        Instant updatedAt,
        @Nullable Instant snapshotAt,
        @Nullable Long snapshotCount) {

    /** A dynamic segment is evaluated whenever it is read; a snapshot keeps the customers it selected when frozen. */
    public enum Kind {
        DYNAMIC,
        SNAPSHOT
    }

    /** One saved state of a segment. */
    public record Version(
            int version,
            String name,
            @Nullable String description,
            Kind kind,
            int format,
            JsonNode condition,
            String savedBy,
            Instant savedAt,
            @Nullable Instant snapshotAt,
            @Nullable Long snapshotCount) {}
}
