package io.clientele.platform.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict, streaming reader of RFC 4180 CSV in UTF-8, built for files of millions of lines.
 *
 * <p>The format it accepts: an optional UTF-8 byte order mark; a header line (unless {@link
 * CsvReadOptions#withoutHeader()}); records ending in LF or CRLF (a
 * CR elsewhere is data, a CR just before the end of the file is dropped); fields that start with a quote are
 * quoted and may hold delimiters, line breaks and doubled quotes; a quote inside an unquoted field is an ordinary
 * character, as spreadsheets read it. Fields are not trimmed. Empty lines are skipped wherever they are.
 *
 * <p>A bad record does not stop the reading: {@link #next()} returns it with its {@link CsvRecord#error()} and
 * line number, and goes on after it. When quoting breaks (a quote never closed, or text after a closing quote),
 * the reader resumes at the line after the one where the broken quoted field opened, so one stray quote costs
 * one record, not the rest of the file. Only a file that has no usable header fails as a whole, with a
 * {@link CsvFileException}.
 *
 * <p>Why it is fast: it reads 1 MiB blocks of bytes and scans them in one loop, decoding nothing until a field is
 * asked for; ASCII fields become strings by a plain copy, and multi-byte UTF-8 is validated where it is met.
 * Not thread-safe.
 */
public final class CsvReader implements AutoCloseable {
    static final String INVALID_UTF8 = "invalid UTF-8";
    static final String UNTERMINATED = "unterminated quoted field";
    static final String AFTER_QUOTE = "unexpected character after closing quote";
    static final int BUFFER_SIZE = 1 << 20;

    private static final int RECORD = 0;
    private static final int NEED_MORE = 1;
    private static final int END = 2;
    private static final int UTF8_INVALID = -1;
    private static final int UTF8_TRUNCATED = 0;

    private final InputStream in;
    private final int maxRecordBytes;
    // a record plus the few bytes looked at past its limit always fits, so a full buffer never needs more data
    private final int maxCapacity;
    private final CsvRecord record = new CsvRecord();
    private byte[] buf;
    private int pos;
    private int limit;
    private long bufferOffset;
    private boolean eof;
    private long line;
    private byte delimiter;
    private List<String> header = List.of();

    private CsvReader(InputStream in, CsvReadOptions options, int bufferSize, long offset, long lineNumber) {
        this.in = in;
        this.maxRecordBytes = options.maxRecordBytes();
        this.maxCapacity = Math.max(bufferSize, maxRecordBytes + 8);
        this.buf = new byte[bufferSize];
        this.bufferOffset = offset;
        this.line = lineNumber;
    }

    /**
     * Opens a file and reads its header: skips a UTF-8 byte order mark and, when the options name no delimiter,
     * takes the one of comma, semicolon and tab that occurs most often outside quotes in the first line (comma
     * on a tie or when there is none).
     *
     * @throws CsvFileException when the file is UTF-16, or (unless the options say there is no header) is empty,
     *     its header is not UTF-8 or is malformed, or a column name is blank or repeated
     */
    public static CsvReader open(Path file, CsvReadOptions options) throws IOException {
        return open(Files.newInputStream(file), options);
    }

    /** As {@link #open(Path, CsvReadOptions)}; {@link #position()} counts the bytes read from the stream. */
    public static CsvReader open(InputStream in, CsvReadOptions options) throws IOException {
        return open(in, options, BUFFER_SIZE);
    }

    /** With a chosen initial buffer size, so tests can make records straddle buffer boundaries. */
    static CsvReader open(InputStream in, CsvReadOptions options, int bufferSize) throws IOException {
        CsvReader reader = new CsvReader(in, options, bufferSize, 0, 1);
        try {
            reader.readHeader(options);
            return reader;
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * Continues reading a file where an earlier reader stopped, for imports that survive a restart.
     *
     * @param offset a {@link #position()} of the earlier reader
     * @param lineNumber its {@link #lineNumberAtPosition()} at the same moment
     */
    public static CsvReader resume(
            Path file, long offset, long lineNumber, List<String> header, char delimiter, CsvReadOptions options)
            throws IOException {
        if (offset < 0 || lineNumber < 1) {
            throw new IllegalArgumentException("offset " + offset + " and line " + lineNumber + " out of range");
        }
        CsvReadOptions checked = options.withDelimiter(delimiter);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            channel.position(offset);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        CsvReader reader = new CsvReader(Channels.newInputStream(channel), checked, BUFFER_SIZE, offset, lineNumber);
        reader.delimiter = (byte) delimiter;
        reader.header = List.copyOf(header);
        return reader;
    }

    /** The header of a file with the default options, as {@link #open(Path, CsvReadOptions)} checks it. */
    public static List<String> headerOf(Path file) throws IOException {
        try (CsvReader reader = open(file, CsvReadOptions.defaults())) {
            return reader.header();
        }
    }

    /** The column names; empty when the options say the file has no header. */
    public List<String> header() {
        return header;
    }

    public char delimiter() {
        return (char) delimiter;
    }

    /**
     * Moves to the next record, skipping empty lines.
     *
     * @return false at the end of the file
     * @throws IOException only when reading the file fails; a bad record is returned with its error
     */
    public boolean next() throws IOException {
        for (; ; ) {
            int status = parse();
            if (status == RECORD) {
                if (!record.blank()) {
                    return true;
                }
            } else if (status == END) {
                return false;
            } else {
                refill();
            }
        }
    }

    /** The current record; the same instance on every call, overwritten by {@link #next()}. */
    public CsvRecord record() {
        return record;
    }

    /** The byte offset just after the current record and its line end: where {@link #resume} continues. */
    public long position() {
        return bufferOffset + pos;
    }

    /** The physical line (1-based, the header is line 1) where the current record starts. */
    public long lineNumber() {
        return record.lineNumber();
    }

    /** The physical line at {@link #position()}: after a record with line breaks in it, not its start + 1. */
    public long lineNumberAtPosition() {
        return line;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The bytes the reader holds now: what bounds its memory, whatever the size of the file. */
    int bufferCapacity() {
        return buf.length;
    }

    private void readHeader(CsvReadOptions options) throws IOException {
        while (limit < 3 && !eof) {
            refill();
        }
        if (limit >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
            pos = 3;
        } else if (limit >= 2
                && ((buf[0] == (byte) 0xFF && buf[1] == (byte) 0xFE)
                        || (buf[0] == (byte) 0xFE && buf[1] == (byte) 0xFF))) {
            throw new CsvFileException("not UTF-8: the file is UTF-16; save it as UTF-8");
        }
        Character given = options.delimiter();
        if (given != null) {
            delimiter = (byte) given.charValue();
        } else {
            int detected;
            while ((detected = detectDelimiter()) < 0) {
                refill();
            }
            delimiter = (byte) detected;
        }
        if (!options.header()) {
            return;
        }
        if (!next()) {
            throw new CsvFileException("empty file: there is no header line");
        }
        String error = record.error();
        if (INVALID_UTF8.equals(error)) {
            throw new CsvFileException("not UTF-8: the file looks like ISO-8859-1/Windows-1252; save it as UTF-8");
        }
        if (error != null) {
            throw new CsvFileException("header on line " + record.lineNumber() + ": " + error);
        }
        List<String> names = record.toList();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.isBlank()) {
                throw new CsvFileException("header: column " + (i + 1) + " has no name");
            }
            Integer earlier = seen.putIfAbsent(name, i + 1);
            if (earlier != null) {
                throw new CsvFileException("header: column name \"" + name + "\" appears twice (columns " + earlier
                        + " and " + (i + 1) + ")");
            }
        }
        header = names;
    }

    /** The delimiter of the first non-empty line, or -1 when that line is not all in the buffer yet. */
    private int detectDelimiter() {
        byte[] b = buf;
        int p = pos;
        while (p < limit && (b[p] == '\n' || b[p] == '\r')) {
            p++;
        }
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (; p < limit; p++) {
            byte c = b[p];
            if (c == '"') {
                quoted = !quoted; // a doubled quote flips twice
            } else if (!quoted) {
                if (c == '\n') {
                    break;
                } else if (c == ',') {
                    commas++;
                } else if (c == ';') {
                    semicolons++;
                } else if (c == '\t') {
                    tabs++;
                }
            }
        }
        if (p == limit && !eof && limit - pos < maxCapacity) {
            return -1;
        }
        if (semicolons > commas && semicolons > tabs) {
            return ';';
        }
        return tabs > commas && tabs > semicolons ? '\t' : ',';
    }

    /**
     * Parses one record starting at {@link #pos}. Returns NEED_MORE, having changed nothing but the record's
     * scratch fields, when the buffer ends before the record does and more of the file may follow; the caller
     * then refills and parses the record again from its start.
     */
    private int parse() throws IOException {
        final byte[] b = buf;
        final int lim = limit;
        final byte d = delimiter;
        final int rs = pos;
        if (rs >= lim) {
            return eof ? END : NEED_MORE;
        }
        // one bound for the hot loops: the end of the data, or where a record is too long even if a CRLF ends it
        // there; end() checks the exact length
        final boolean capped = (long) rs + maxRecordBytes + 2 <= lim;
        final int hardEnd = capped ? rs + maxRecordBytes + 2 : lim;
        long ln = line;
        int p = rs;
        record.start(b, ln);
        for (; ; ) {
            if (p < hardEnd && b[p] == '"') {
                final long openLine = ln;
                int openLineEnd = -1;
                int flags = CsvRecord.QUOTED;
                final int qs = ++p;
                for (; ; ) {
                    if (p >= hardEnd) {
                        if (!capped && !eof) {
                            return NEED_MORE;
                        }
                        return fail(rs, UNTERMINATED, openLineEnd, p, openLine + 1);
                    }
                    byte c = b[p];
                    if (c == '"') {
                        // a quote at the buffer's end is taken as closing; the check after it then asks for more
                        if (p + 1 < lim && b[p + 1] == '"') {
                            flags |= CsvRecord.ESCAPED;
                            p += 2;
                            continue;
                        }
                        record.add(qs, p, flags);
                        p++;
                        break;
                    }
                    if (c == '\n') {
                        ln++;
                        if (openLineEnd < 0) {
                            openLineEnd = p;
                        }
                    } else if (c < 0) {
                        int n = utf8Length(b, p, lim);
                        if (n == UTF8_TRUNCATED && !eof) {
                            return NEED_MORE;
                        }
                        flags |= CsvRecord.NON_ASCII;
                        if (n <= 0) {
                            record.invalidUtf8();
                            n = 1;
                        }
                        p += n;
                        continue;
                    }
                    p++;
                }
                // after the closing quote: a delimiter, a line end or the end of the file
                if (p >= lim) {
                    if (!eof) {
                        return NEED_MORE;
                    }
                    return end(rs, p, p, ln);
                }
                byte c = b[p];
                if (c == d) {
                    p++;
                    continue;
                }
                if (c == '\n') {
                    return end(rs, p, p + 1, ln + 1);
                }
                if (c == '\r') {
                    if (p + 1 >= lim) {
                        if (!eof) {
                            return NEED_MORE;
                        }
                        return end(rs, p, p + 1, ln);
                    }
                    if (b[p + 1] == '\n') {
                        return end(rs, p, p + 2, ln + 1);
                    }
                }
                return fail(rs, AFTER_QUOTE, openLineEnd, p, openLine + 1);
            }
            final int fs = p;
            int flags = 0;
            for (; ; ) {
                if (p >= hardEnd) {
                    if (capped) {
                        return fail(rs, tooLong(), -1, p, ln + 1);
                    }
                    if (!eof) {
                        return NEED_MORE;
                    }
                    int fe = p > fs && b[p - 1] == '\r' ? p - 1 : p;
                    record.add(fs, fe, flags);
                    return end(rs, fe, p, ln);
                }
                byte c = b[p];
                if (c == d) {
                    record.add(fs, p, flags);
                    p++;
                    break;
                }
                if (c == '\n') {
                    int fe = p > fs && b[p - 1] == '\r' ? p - 1 : p;
                    record.add(fs, fe, flags);
                    return end(rs, fe, p + 1, ln + 1);
                }
                if (c < 0) {
                    int n = utf8Length(b, p, lim);
                    if (n == UTF8_TRUNCATED && !eof) {
                        return NEED_MORE;
                    }
                    flags = CsvRecord.NON_ASCII;
                    if (n <= 0) {
                        record.invalidUtf8();
                        n = 1;
                    }
                    p += n;
                    continue;
                }
                p++;
            }
        }
    }

    private int end(int recordStart, int textEnd, int next, long nextLine) {
        if (textEnd - recordStart > maxRecordBytes) {
            record.fail(tooLong(), CsvRecord.text(buf, recordStart, textEnd));
        } else {
            record.end(recordStart, textEnd);
        }
        pos = next;
        line = nextLine;
        return RECORD;
    }

    private String tooLong() {
        return "record longer than " + maxRecordBytes + " bytes";
    }

    /**
     * Reports a record whose structure is broken and resyncs: just after {@code lineEnd} when it is known,
     * otherwise at the line after the one {@code from} is on.
     */
    private int fail(int recordStart, String reason, int lineEnd, int from, long nextLine) throws IOException {
        int textEnd = lineEnd >= 0 ? lineEnd : from;
        if (textEnd > recordStart && buf[textEnd - 1] == '\r') {
            textEnd--;
        }
        record.fail(reason, CsvRecord.text(buf, recordStart, textEnd));
        if (lineEnd >= 0) {
            pos = lineEnd + 1;
        } else {
            skipLine(from);
        }
        line = nextLine;
        return RECORD;
    }

    /** Moves past the next LF at or after {@code from}, discarding the bytes in between, or to the end. */
    private void skipLine(int from) throws IOException {
        int p = from;
        for (; ; ) {
            while (p < limit && buf[p] != '\n') {
                p++;
            }
            if (p < limit) {
                pos = p + 1;
                return;
            }
            pos = limit;
            if (eof) {
                return;
            }
            refill();
            p = pos;
        }
    }

    /** Keeps the unread bytes, grows the buffer if they fill it, and reads until it is full or the file ends. */
    private void refill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            bufferOffset += pos;
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(2L * buf.length, maxCapacity));
        }
        while (limit < buf.length) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
                return;
            }
            limit += n;
        }
    }

    /**
     * The length of the UTF-8 sequence at {@code p}, checked strictly (no overlongs, surrogates or code points
     * past U+10FFFF, per Unicode table 3-7); UTF8_INVALID, or UTF8_TRUNCATED when the buffer ends inside it.
     */
    private static int utf8Length(byte[] b, int p, int lim) {
        int lead = b[p] & 0xFF;
        int n;
        int lo = 0x80;
        int hi = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            n = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            n = 3;
            if (lead == 0xE0) {
                lo = 0xA0;
            } else if (lead == 0xED) {
                hi = 0x9F;
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            n = 4;
            if (lead == 0xF0) {
                lo = 0x90;
            } else if (lead == 0xF4) {
                hi = 0x8F;
            }
        } else {
            return UTF8_INVALID;
        }
        for (int i = 1; i < n; i++) {
            if (p + i >= lim) {
                return UTF8_TRUNCATED;
            }
            int c = b[p + i] & 0xFF;
            if (c < lo || c > hi) {
                return UTF8_INVALID;
            }
            lo = 0x80;
            hi = 0xBF;
        }
        return n;
    }
}
