package io.clientele.platform.csv;

import org.jspecify.annotations.Nullable;

/**
 * How to read a CSV file.
 *
 * @param delimiter the field delimiter, or null to detect it from the first line
 * @param maxRecordBytes the longest record accepted, in bytes without its line end; bounds the memory one record
 *     may take and how far an unclosed quote can run before the reader gives up on it
 * @param header whether the reader takes the first line as the header and checks it (names neither blank nor
 *     repeated); without, the first line is a record like the others, for callers that judge it themselves
 */
public record CsvReadOptions(@Nullable Character delimiter, int maxRecordBytes, boolean header) {
    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;

    public CsvReadOptions {
        if (delimiter != null) {
            char d = delimiter;
            // the reader works on bytes, so the delimiter must be one byte; quote and line ends are structure
            if (d >= 0x80 || d == '"' || d == '\r' || d == '\n') {
                throw new IllegalArgumentException(
                        "delimiter must be an ASCII character other than a quote or line end");
            }
        }
        if (maxRecordBytes < 1 || maxRecordBytes > 1 << 30) {
            throw new IllegalArgumentException("maxRecordBytes must be between 1 and 2^30, was " + maxRecordBytes);
        }
    }

    public static CsvReadOptions defaults() {
        return new CsvReadOptions(null, DEFAULT_MAX_RECORD_BYTES, true);
    }

    public CsvReadOptions withDelimiter(char delimiter) {
        return new CsvReadOptions(delimiter, maxRecordBytes, header);
    }

    public CsvReadOptions withMaxRecordBytes(int maxRecordBytes) {
        return new CsvReadOptions(delimiter, maxRecordBytes, header);
    }

    /** The first line is returned as a record, and {@link CsvReader#header()} is empty. */
    public CsvReadOptions withoutHeader() {
        return new CsvReadOptions(delimiter, maxRecordBytes, false);
    }
}
