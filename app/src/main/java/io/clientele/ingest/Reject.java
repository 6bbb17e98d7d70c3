package io.clientele.ingest;

import org.jspecify.annotations.Nullable;

/** A row that was not imported: its line in the file, the field at fault (if one), why, and its text. */
public record Reject(
        long line,
        @Nullable String field,
        String reason,
        @Nullable String raw) {}
