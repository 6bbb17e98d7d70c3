package io.clientele.platform.db;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Rows of a query streamed with {@code copy (…) to stdout} in PostgreSQL's text format, read field by field without
 * a string per value: numbers, decimals at a scale, ISO dates (DateStyle ISO), yes/no, escaped text, and one-level
 * arrays of them. The query text must not come from input: COPY takes no parameters.
 */
public final class CopyReader {
    private final CopyOut copy;
    private byte[] row = new byte[0];
    private int[] bounds = new int[32];
    private int fields;

    private CopyReader(CopyOut copy) {
        this.copy = copy;
    }

    /** Starts {@code copy (query) to stdout} on the connection, in its transaction. */
    public static CopyReader open(Connection connection, String query) throws SQLException {
        return new CopyReader(
                connection.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (" + query + ") to stdout"));
    }

    /** Moves to the next row; false after the last. */
    public boolean next() throws SQLException {
        byte[] next = copy.readFromCopy();
        if (next == null) {
            return false;
        }
        row = next;
        fields = 0;
        int start = 0;
        for (int i = 0; i < row.length; i++) {
            if (row[i] == '\t' || row[i] == '\n') {
                if (2 * fields + 1 >= bounds.length) {
                    bounds = Arrays.copyOf(bounds, bounds.length * 2);
                }
                bounds[2 * fields] = start;
                bounds[2 * fields + 1] = i;
                fields++;
                start = i + 1;
            }
        }
        return true;
    }

    /** The number of fields of the current row. */
    public int fields() {
        return fields;
    }

    public boolean isNull(int field) {
        int from = bounds[2 * field];
        return bounds[2 * field + 1] - from == 2 && row[from] == '\\' && row[from + 1] == 'N';
    }

    public long getLong(int field) {
        return parseLong(row, bounds[2 * field], bounds[2 * field + 1]);
    }

    /** A decimal as its unscaled value at {@code scale}; digits beyond the scale must be zeros. */
    public long getScaled(int field, int scale) {
        return parseScaled(row, bounds[2 * field], bounds[2 * field + 1], scale);
    }

    public boolean getFlag(int field) {
        return row[bounds[2 * field]] == 't';
    }

    /** A date as an epoch day. */
    public int getDay(int field) {
        return parseDay(row, bounds[2 * field]);
    }

    public String getText(int field) {
        return text(row, bounds[2 * field], bounds[2 * field + 1]);
    }

    /** Each element of an integer or date array ({@code {1,2}}, {@code {2026-01-02}}: epoch days); their count. */
    public int forEachInt(int field, boolean dates, IntConsumer element) {
        return forEachElement(
                field, (from, to) -> element.accept(dates ? parseDay(row, from) : (int) parseLong(row, from, to)));
    }

    /** Each element of a numeric array as its unscaled value at {@code scale}; their count. */
    public int forEachScaled(int field, int scale, LongConsumer element) {
        return forEachElement(field, (from, to) -> element.accept(parseScaled(row, from, to, scale)));
    }

    /** Where an element of an array field starts and ends (exclusive) in the row. */
    @FunctionalInterface
    private interface Element {
        void at(int from, int to);
    }

    private int forEachElement(int field, Element element) {
        int count = 0;
        int from = bounds[2 * field];
        int start = from + 1;
        for (int i = from + 1; i < bounds[2 * field + 1]; i++) {
            if (row[i] == ',' || row[i] == '}') {
                if (i > start) {
                    element.at(start, i);
                    count++;
                }
                start = i + 1;
            }
        }
        return count;
    }

    static long parseLong(byte[] bytes, int from, int to) {
        boolean negative = bytes[from] == '-';
        long value = 0;
        for (int i = negative ? from + 1 : from; i < to; i++) {
            value = value * 10 + (bytes[i] - '0');
        }
        return negative ? -value : value;
    }

    static long parseScaled(byte[] bytes, int from, int to, int scale) {
        boolean negative = bytes[from] == '-';
        long value = 0;
        int decimals = -1;
        for (int i = negative ? from + 1 : from; i < to; i++) {
            byte b = bytes[i];
            if (b == '.') {
                decimals = 0;
                continue;
            }
            if (decimals >= scale) {
                if (b != '0') {
                    throw new IllegalStateException("more than " + scale + " decimals: "
                            + new String(bytes, from, to - from, StandardCharsets.US_ASCII));
                }
                continue;
            }
            value = value * 10 + (b - '0');
            if (decimals >= 0) {
                decimals++;
            }
        }
        for (int d = Math.max(decimals, 0); d < scale; d++) {
            value *= 10;
        }
        return negative ? -value : value;
    }

    static int parseDay(byte[] bytes, int from) {
        int year = (int) parseLong(bytes, from, from + 4);
        int month = (int) parseLong(bytes, from + 5, from + 7);
        int day = (int) parseLong(bytes, from + 8, from + 10);
        return (int) LocalDate.of(year, month, day).toEpochDay();
    }

    /** A text field with COPY's backslash escapes undone. */
    static String text(byte[] bytes, int from, int to) {
        boolean escaped = false;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\\') {
                escaped = true;
                break;
            }
        }
        if (!escaped) {
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '\\' && i + 1 < to) {
                byte next = bytes[++i];
                b = switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'v' -> 0x0b;
                    default -> next;
                };
            }
            out[n++] = b;
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
