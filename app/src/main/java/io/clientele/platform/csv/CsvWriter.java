package io.clientele.platform.csv;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes RFC 4180 CSV that {@link CsvReader} and spreadsheets read back as written, row by row straight to the
 * caller's {@link Writer}: it keeps nothing, so a file of any size takes no more memory than one cell.
 *
 * <p>Rows end as {@link CsvWriteOptions#lineEnd()} says. The caller's {@link Writer} should encode UTF-8 (it
 * decides buffering too). A cell is quoted, with its quotes doubled, when it holds the delimiter, a quote, CR or
 * LF, or starts or ends with a space (which spreadsheets would otherwise trim); a row of one empty cell is written
 * as {@code ""} so that it is not an empty line, which readers skip.
 *
 * <p>With {@link CsvWriteOptions#neutraliseFormulas()}, for files a person will open in a spreadsheet (exports,
 * reject reports), a cell starting with {@code = + - @}, TAB or CR gets a leading {@code '} so that it is shown as
 * text rather than run as a formula (OWASP "CSV injection"). Plain numbers are left alone so that they stay
 * numbers: an optional sign, digits, and at most one {@code .} or {@code ,} followed by digits, e.g. {@code -12.5}
 * or {@code +33}; anything else, such as {@code -2+3}, is neutralised. The quote changes the data, so leave it off
 * for files meant for machines.
 *
 * <p>A row is written either whole ({@link #writeRow(List)}) or cell by cell ({@link #text}, {@link #integer},
 * {@link #cents}, then {@link #endRow()}); numbers are written digit by digit, without a string, for files of
 * millions of rows. Not thread-safe.
 */
public final class CsvWriter implements Closeable, Flushable {
    private static final int FILE_BUFFER_CHARS = 1 << 20;

    private final Writer out;
    private final char delimiter;
    private final String lineEnd;
    private final boolean neutraliseFormulas;
    private final char[] digits = new char[20];
    private int cells;
    private boolean rowWritten;

    public CsvWriter(Writer out, CsvWriteOptions options) {
        this.out = out;
        this.delimiter = options.delimiter();
        this.lineEnd = options.lineEnd().text;
        this.neutraliseFormulas = options.neutraliseFormulas();
    }

    /** A new file (an existing one is replaced) in UTF-8 without a byte order mark, buffered; close it. */
    public static CsvWriter create(Path file, CsvWriteOptions options) throws IOException {
        return new CsvWriter(
                new BufferedWriter(
                        new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), FILE_BUFFER_CHARS),
                options);
    }

    public void writeRow(String... cells) throws IOException {
        writeRow(Arrays.asList(cells));
    }

    /** Writes one row; it must have at least one cell, as a row of none would be an empty line. */
    public void writeRow(List<String> cells) throws IOException {
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("a row needs at least one cell");
        }
        for (String cell : cells) {
            text(cell);
        }
        endRow();
    }

    /** The next cell of the current row; null is an empty cell. */
    public CsvWriter text(@Nullable String cell) throws IOException {
        startCell();
        if (cell == null || cell.isEmpty()) {
            return this;
        }
        rowWritten = true;
        // a formula never starts with a space, so the quote put before it changes nothing about quoting
        String prefix = neutraliseFormulas && isFormula(cell) ? "'" : "";
        if (!needsQuotes(cell)) {
            out.write(prefix);
            out.write(cell);
            return this;
        }
        out.write('"');
        out.write(prefix);
        int from = 0;
        for (int q = cell.indexOf('"'); q >= 0; q = cell.indexOf('"', from)) {
            out.write(cell, from, q + 1 - from);
            out.write('"');
            from = q + 1;
        }
        out.write(cell, from, cell.length() - from);
        out.write('"');
        return this;
    }

    /** The next cell, a whole number. */
    public CsvWriter integer(long value) throws IOException {
        startCell();
        rowWritten = true;
        if (value < 0) {
            out.write('-');
        }
        writeMagnitude(value);
        return this;
    }

    /** The next cell, an amount in cents as a decimal with exactly two places: 12345 is 123.45, -5 is -0.05. */
    public CsvWriter cents(long cents) throws IOException {
        startCell();
        rowWritten = true;
        if (cents < 0) {
            out.write('-');
        }
        writeMagnitude(cents / 100);
        int fraction = (int) Math.abs(cents % 100);
        out.write('.');
        out.write('0' + fraction / 10);
        out.write('0' + fraction % 10);
        return this;
    }

    /** Ends the row of the cells written since the last one; it must have at least one. */
    public void endRow() throws IOException {
        if (cells == 0) {
            throw new IllegalArgumentException("a row needs at least one cell");
        }
        if (cells == 1 && !rowWritten) {
            out.write("\"\"");
        }
        out.write(lineEnd);
        cells = 0;
        rowWritten = false;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void startCell() throws IOException {
        if (cells > 0) {
            out.write(delimiter);
        }
        cells++;
    }

    /** The digits of |value|, Long.MIN_VALUE included. */
    private void writeMagnitude(long value) throws IOException {
        int start = digits.length;
        do {
            digits[--start] = (char) ('0' + Math.abs(value % 10));
            value /= 10;
        } while (value != 0);
        out.write(digits, start, digits.length - start);
    }

    private boolean needsQuotes(String cell) {
        if (cell.charAt(0) == ' ' || cell.charAt(cell.length() - 1) == ' ') {
            return true;
        }
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == delimiter || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    private static boolean isFormula(String cell) {
        return switch (cell.charAt(0)) {
            case '=', '@', '\t', '\r' -> true;
            case '+', '-' -> !isPlainNumber(cell);
            default -> false;
        };
    }

    /** {@code [+-]?digits([.,]digits)?}, written out to keep regex off a per-cell path. */
    private static boolean isPlainNumber(String cell) {
        int i = cell.charAt(0) == '+' || cell.charAt(0) == '-' ? 1 : 0;
        int digits = countDigits(cell, i);
        if (digits == 0) {
            return false;
        }
        i += digits;
        if (i < cell.length() && (cell.charAt(i) == '.' || cell.charAt(i) == ',')) {
            int fraction = countDigits(cell, i + 1);
            if (fraction == 0) {
                return false;
            }
            i += 1 + fraction;
        }
        return i == cell.length();
    }

    private static int countDigits(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }
}
