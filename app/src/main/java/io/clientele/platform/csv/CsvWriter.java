package io.clientele.platform.csv;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;

/**
 * Writes RFC 4180 CSV that {@link CsvReader} and spreadsheets read back as written.
 *
 * <p>Rows end in CRLF, the line end RFC 4180 names and the one Excel expects. The caller's {@link Writer} should
 * encode UTF-8 (it decides buffering too). A cell is quoted, with its quotes doubled, when it holds the
 * delimiter, a quote, CR or LF, or starts or ends with a space (which spreadsheets would otherwise trim); a row
 * of one empty cell is written as {@code ""} so that it is not an empty line, which readers skip.
 *
 * <p>With {@code neutraliseFormulas}, for files a person will open in a spreadsheet (exports, reject reports),
 * a cell starting with {@code = + - @}, TAB or CR gets a leading {@code '} so that it is shown as text rather
 * than run as a formula (OWASP "CSV injection"). Plain numbers are left alone so that they stay numbers: an
 * optional sign, digits, and at most one {@code .} or {@code ,} followed by digits, e.g. {@code -12.5} or
 * {@code +33}; anything else, such as {@code -2+3}, is neutralised. The quote changes the data, so leave it off
 * for files meant for machines.
 */
public final class CsvWriter implements Closeable, Flushable {
    private final Writer out;
    private final char delimiter;
    private final boolean neutraliseFormulas;

    public CsvWriter(Writer out, char delimiter, boolean neutraliseFormulas) {
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
            throw new IllegalArgumentException("the delimiter cannot be a quote or a line end");
        }
        this.out = out;
        this.delimiter = delimiter;
        this.neutraliseFormulas = neutraliseFormulas;
    }

    public void writeRow(String... cells) throws IOException {
        writeRow(Arrays.asList(cells));
    }

    /** Writes one row; it must have at least one cell, as a row of none would be an empty line. */
    public void writeRow(List<String> cells) throws IOException {
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("a row needs at least one cell");
        }
        if (cells.size() == 1 && cells.getFirst().isEmpty()) {
            out.write("\"\"\r\n");
            return;
        }
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(delimiter);
            }
            String cell = cells.get(i);
            writeCell(neutraliseFormulas && isFormula(cell) ? "'" + cell : cell);
        }
        out.write("\r\n");
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void writeCell(String cell) throws IOException {
        if (!needsQuotes(cell)) {
            out.write(cell);
            return;
        }
        out.write('"');
        int from = 0;
        for (int q = cell.indexOf('"'); q >= 0; q = cell.indexOf('"', from)) {
            out.write(cell, from, q + 1 - from);
            out.write('"');
            from = q + 1;
        }
        out.write(cell, from, cell.length() - from);
        out.write('"');
    }

    private boolean needsQuotes(String cell) {
        if (cell.isEmpty()) {
            return false;
        }
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
        if (cell.isEmpty()) {
            return false;
        }
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
