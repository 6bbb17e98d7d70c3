package io.clientele.segment;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CSV for people: RFC 4180 rows ending in CRLF, and no cell a spreadsheet would run as a formula. A cell that
 * starts with {@code = + - @}, a tab or a carriage return is written with a leading {@code '} (OWASP "CSV
 * injection"), unless it is a plain number such as {@code -12.5}. The ingest feature has a general writer; this one
 * stays small until that one moves to the platform; campaign exports (letters, coupon codes) write with it too.
 */
public final class SegmentCsv {
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?\\d+([.,]\\d+)?");

    private final Writer out;

    public SegmentCsv(Writer out) {
        this.out = out;
    }

    public void row(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quoted(safe(cells.get(i))));
        }
        out.write("\r\n");
    }

    static String safe(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        boolean risky = switch (cell.charAt(0)) {
            case '=', '@', '\t', '\r' -> true;
            case '+', '-' -> !PLAIN_NUMBER.matcher(cell).matches();
            default -> false;
        };
        return risky ? "'" + cell : cell;
    }

    static String quoted(String cell) {
        boolean quote = !cell.isEmpty()
                && (cell.charAt(0) == ' '
                        || cell.charAt(cell.length() - 1) == ' '
                        || cell.indexOf(',') >= 0
                        || cell.indexOf('"') >= 0
                        || cell.indexOf('\n') >= 0
                        || cell.indexOf('\r') >= 0);
        return quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }
}
