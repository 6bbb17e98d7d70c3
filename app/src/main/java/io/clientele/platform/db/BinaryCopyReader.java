package io.clientele.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Rows of a query streamed with {@code copy (…) to stdout (format binary)}: bigints, timestamps (as microseconds
 * since the epoch) and numerics (as unscaled values), with no text formatting on either side. For scans of tens of
 * millions of rows where PostgreSQL's text output of a timestamp costs more than reading it; {@link CopyReader} reads
 * the text format. The query text must not come from input: COPY takes no parameters.
 */
public final class BinaryCopyReader {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** PostgreSQL counts timestamps from 2000-01-01 UTC. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

    private final CopyOut copy;
    private byte[] buffer = new byte[0];
    private int position;
    private int end;
    /** Where the current row starts in the buffer; its fields' offsets and lengths are relative to it. */
    private int rowStart;

    private int[] offsets = new int[8];
    private int[] lengths = new int[8];

    private BinaryCopyReader(CopyOut copy) {
        this.copy = copy;
    }

    /** Starts {@code copy (query) to stdout (format binary)} on the connection, in its transaction. */
    public static BinaryCopyReader open(Connection connection, String query) throws SQLException {
        BinaryCopyReader reader = new BinaryCopyReader(connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyOut("copy (" + query + ") to stdout (format binary)"));
        reader.header();
        return reader;
    }

    private void header() throws SQLException {
        rowStart = position;
        require(SIGNATURE.length + 8);
        if (!Arrays.equals(buffer, position, position + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new IllegalStateException("not a binary COPY stream");
        }
        position += SIGNATURE.length + 4;
        int extension = readInt();
        require(extension);
        position += extension;
    }

    /** Moves to the next row; false after the last. */
    public boolean next() throws SQLException {
        rowStart = position;
        if (!available(2)) {
            return false;
        }
        short fields = readShort();
        if (fields < 0) {
            while (copy.readFromCopy() != null) {
                // the trailer ends the data; reading on completes the command
            }
            return false;
        }
        if (fields > offsets.length) {
            offsets = new int[fields];
            lengths = new int[fields];
        }
        for (int i = 0; i < fields; i++) {
            require(4);
            int length = readInt();
            lengths[i] = length;
            offsets[i] = position - rowStart;
            if (length > 0) {
                require(length);
                position += length;
            }
        }
        return true;
    }

    public boolean isNull(int field) {
        return lengths[field] < 0;
    }

    /** A bigint (or an integer, widened). */
    public long getLong(int field) {
        int at = rowStart + offsets[field];
        return lengths[field] == 4 ? intAt(at) : longAt(at);
    }

    /** A timestamp or timestamptz as microseconds since 1970-01-01 UTC. */
    public long getMicros(int field) {
        return longAt(rowStart + offsets[field]) + POSTGRES_EPOCH_MICROS;
    }

    /** A numeric as its unscaled value at {@code scale}; digits beyond the scale must be zeros. */
    public long getScaled(int field, int scale) {
        int at = rowStart + offsets[field];
        int digits = shortAt(at);
        int weight = shortAt(at + 2);
        int sign = shortAt(at + 4) & 0xffff;
        if (sign == 0xc000) {
            throw new IllegalStateException("NaN where a number was expected");
        }
        long value = 0;
        for (int i = 0; i < digits; i++) {
            long digit = shortAt(at + 8 + 2 * i);
            // digit i is worth 10000^(weight - i): at the scale, 10^(4 (weight - i) + scale)
            int exponent = 4 * (weight - i) + scale;
            if (exponent >= 0) {
                value += digit * pow10(exponent);
            } else {
                long divisor = pow10(-exponent);
                if (digit % divisor != 0) {
                    throw new IllegalStateException("more than " + scale + " decimals");
                }
                value += digit / divisor;
            }
        }
        return sign == 0x4000 ? -value : value;
    }

    private static long pow10(int exponent) {
        long value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }

    private short readShort() {
        short value = (short) shortAt(position);
        position += 2;
        return value;
    }

    private int readInt() {
        int value = intAt(position);
        position += 4;
        return value;
    }

    private int shortAt(int at) {
        return (short) (((buffer[at] & 0xff) << 8) | (buffer[at + 1] & 0xff));
    }

    private int intAt(int at) {
        return ((buffer[at] & 0xff) << 24)
                | ((buffer[at + 1] & 0xff) << 16)
                | ((buffer[at + 2] & 0xff) << 8)
                | (buffer[at + 3] & 0xff);
    }

    private long longAt(int at) {
        return ((long) intAt(at) << 32) | (intAt(at + 4) & 0xffffffffL);
    }

    private void require(int bytes) throws SQLException {
        if (!available(bytes)) {
            throw new IllegalStateException("binary COPY stream ended inside a row");
        }
    }

    /**
     * Whether {@code bytes} more can be read at the position, reading messages as needed. PostgreSQL sends a row per
     * message, but nothing here relies on it: the unread part of the current row is kept when a message is joined.
     */
    private boolean available(int bytes) throws SQLException {
        while (end - position < bytes) {
            byte[] next = copy.readFromCopy();
            if (next == null) {
                return false;
            }
            int kept = end - rowStart;
            if (kept == 0) {
                buffer = next;
            } else {
                byte[] joined = Arrays.copyOfRange(buffer, rowStart, rowStart + kept + next.length);
                System.arraycopy(next, 0, joined, kept, next.length);
                buffer = joined;
            }
            position -= rowStart;
            rowStart = 0;
            end = buffer.length;
        }
        return true;
    }
}
