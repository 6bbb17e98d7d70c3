package io.clientele.platform.db;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;

/** Rows in PostgreSQL's COPY text format, built in memory and sent in one COPY. */
public final class CopyRows {
    private final StringBuilder text = new StringBuilder(1 << 16);
    private boolean lineStart = true;
    private long rows;

    public CopyRows add(@Nullable Object value) {
        if (!lineStart) {
            text.append('\t');
        }
        lineStart = false;
        if (value == null) {
            text.append("\\N");
        } else {
            String string = value.toString();
            for (int i = 0; i < string.length(); i++) {
                char c = string.charAt(i);
                switch (c) {
                    case '\\' -> text.append("\\\\");
                    case '\t' -> text.append("\\t");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    default -> text.append(c);
                }
            }
        }
        return this;
    }

    /** A number without escaping: the hot path of receipt lines. */
    public CopyRows add(long value) {
        if (!lineStart) {
            text.append('\t');
        }
        lineStart = false;
        text.append(value);
        return this;
    }

    /** An amount in cents as a decimal, written without a string in between. */
    public CopyRows cents(long cents) {
        if (!lineStart) {
            text.append('\t');
        }
        lineStart = false;
        long abs = Math.abs(cents);
        long fraction = abs % 100;
        text.append(cents < 0 ? "-" : "")
                .append(abs / 100)
                .append(fraction < 10 ? ".0" : ".")
                .append(fraction);
        return this;
    }

    public void endRow() {
        text.append('\n');
        lineStart = true;
        rows++;
    }

    /** Drops what was added since the last complete row (a row found invalid half-way). */
    public void discardRow() {
        int end = text.lastIndexOf("\n");
        text.setLength(end + 1);
        lineStart = true;
    }

    /** The rows not yet sent, as COPY text. */
    String pending() {
        return text.toString();
    }

    public long rows() {
        return rows;
    }

    /**
     * Streams a file (CSV or COPY text, as {@code copyFromStdin} says) into {@code copy … from stdin} on the
     * connection, in its transaction, without holding it in memory; how many rows were copied.
     */
    public static long copyIn(Connection connection, String copyFromStdin, Reader file)
            throws SQLException, IOException {
        return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copyFromStdin, file, 1 << 16);
    }

    /**
     * Sends the rows with {@code copyFromStdin} ({@code copy <table> (<columns>) from stdin}, written out where it
     * is used, so that a reader sees which table it fills) and empties the buffer.
     */
    public long copyInto(Connection connection, String copyFromStdin) throws SQLException {
        if (rows == 0) {
            return 0;
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        var copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copyFromStdin);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
            long copied = copy.endCopy();
            text.setLength(0);
            rows = 0;
            return copied;
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
