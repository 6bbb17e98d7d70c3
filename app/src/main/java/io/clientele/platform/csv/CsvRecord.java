package io.clientele.platform.csv;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One record of a CSV file, as the reader last returned it.
 *
 * <p>The reader reuses one instance and its buffer for every record: read what you need before the next call to
 * {@link CsvReader#next()}, or copy it with {@link #toList()}. Fields point into the reader's byte buffer and are
 * decoded only when asked for, so {@link #get(int)} builds a new string on each call.
 *
 * <p>A record with an {@link #error()} is reported, not imported: after invalid UTF-8 its fields are still there
 * (with U+FFFD for the bad bytes, to help the reject report); after a quoting or length error it has no fields.
 */
public final class CsvRecord {
    static final int NON_ASCII = 1;
    static final int ESCAPED = 2;
    static final int QUOTED = 4;
    private static final int RAW_CHARS = 200;

    private byte[] buf = new byte[0];
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private byte[] flags = new byte[32];
    private int size;
    private long lineNumber;
    private @Nullable String error;
    private int rawStart;
    private int rawEnd;
    private @Nullable String raw;

    CsvRecord() {}

    /** The number of fields; comparing it with the header's is the caller's business. */
    public int size() {
        return size;
    }

    /** Field {@code i} (0-based), or null when the record has fewer fields. */
    public @Nullable String get(int i) {
        if (i < 0) {
            throw new IndexOutOfBoundsException("field index " + i);
        }
        if (i >= size) {
            return null;
        }
        int start = starts[i];
        int end = ends[i];
        int f = flags[i];
        if ((f & ESCAPED) != 0) {
            return unescape(start, end, f);
        }
        // known-ASCII fields skip UTF-8 decoding: ISO-8859-1 is a plain byte copy into a compact string
        return new String(buf, start, end - start, (f & NON_ASCII) == 0 ? ISO_8859_1 : UTF_8);
    }

    /** The fields as a new list that outlives the next record. */
    public List<String> toList() {
        String[] values = new String[size];
        for (int i = 0; i < size; i++) {
            values[i] = get(i);
        }
        return List.of(values);
    }

    /** The physical line (1-based, the header is line 1) where the record starts. */
    public long lineNumber() {
        return lineNumber;
    }

    /** Why the record cannot be used, or null when it is fine. */
    public @Nullable String error() {
        return error;
    }

    /** The record's text without its line end, cut to 200 characters, for reject reports. */
    public String raw() {
        String r = raw;
        return r != null ? r : text(buf, rawStart, rawEnd);
    }

    @Override
    public String toString() {
        return "line " + lineNumber + (error != null ? " (" + error + "): " : ": ") + raw();
    }

    void start(byte[] buffer, long line) {
        buf = buffer;
        lineNumber = line;
        size = 0;
        error = null;
        raw = null;
    }

    void add(int start, int end, int fieldFlags) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
            flags = Arrays.copyOf(flags, size * 2);
        }
        starts[size] = start;
        ends[size] = end;
        flags[size] = (byte) fieldFlags;
        size++;
    }

    void invalidUtf8() {
        error = CsvReader.INVALID_UTF8;
    }

    void end(int textStart, int textEnd) {
        rawStart = textStart;
        rawEnd = textEnd;
    }

    /** A record whose structure is broken: no fields, and its text copied now since the buffer may move on. */
    void fail(String reason, String text) {
        size = 0;
        error = reason;
        raw = text;
    }

    /** An empty line: one unquoted empty field and nothing wrong. */
    boolean blank() {
        return size == 1 && error == null && starts[0] == ends[0] && (flags[0] & QUOTED) == 0;
    }

    static String text(byte[] b, int from, int to) {
        // 200 characters take at most 800 bytes of UTF-8; a sequence cut at the end decodes to U+FFFD
        String s = new String(b, from, Math.min(to - from, RAW_CHARS * 4), UTF_8);
        if (s.length() <= RAW_CHARS) {
            return s;
        }
        int cut = Character.isHighSurrogate(s.charAt(RAW_CHARS - 1)) ? RAW_CHARS - 1 : RAW_CHARS;
        return s.substring(0, cut);
    }

    private String unescape(int start, int end, int f) {
        byte[] out = new byte[end - start];
        int n = 0;
        for (int p = start; p < end; p++) {
            byte c = buf[p];
            out[n++] = c;
            if (c == '"') {
                p++; // the reader only sets ESCAPED for doubled quotes: skip the second one
            }
        }
        return new String(out, 0, n, (f & NON_ASCII) == 0 ? ISO_8859_1 : UTF_8);
    }
}
