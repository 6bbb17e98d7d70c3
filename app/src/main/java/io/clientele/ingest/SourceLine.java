package io.clientele.ingest;

import org.jspecify.annotations.Nullable;

/** A record of an import file as kept for one chunk: its line, its fields, and the reader's error if it had one. */
record SourceLine(
        long number,
        String[] fields,
        @Nullable String error,
        char delimiter,
        @Nullable String rawText) {

    SourceLine(long number, String[] fields, char delimiter) {
        this(number, fields, null, delimiter, null);
    }

    @Nullable
    String field(int column) {
        return column < fields.length ? fields[column] : null;
    }

    /** The record's text for a reject report, shortened to 200 characters. */
    String raw() {
        if (rawText != null) {
            return rawText;
        }
        String text = String.join(String.valueOf(delimiter), fields);
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
