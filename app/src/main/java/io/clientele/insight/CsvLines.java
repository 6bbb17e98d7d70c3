package io.clientele.insight;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A small RFC 4180 reader for the analyst's files of {@code clv fit}: comma-separated, quoted fields with doubled
 * quotes and line breaks. The importers' streaming reader ({@code ingest.csv}) is internal to the ingest feature,
 * and this command reads one file once, so it keeps its own.
 */
final class CsvLines {
    private final BufferedReader in;
    private int lineNumber;
    private int recordLine;

    CsvLines(BufferedReader in) {
        this.in = in;
    }

    /** The line on which the last record returned began (1 = the header). */
    int line() {
        return recordLine;
    }

    /** The next record's fields, or null at the end of the file. */
    @Nullable
    List<String> next() throws IOException {
        String line = in.readLine();
        if (line == null) return null;
        lineNumber++;
        recordLine = lineNumber;
        if (lineNumber == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (true) {
            if (i == line.length()) {
                if (!quoted) break;
                String more = in.readLine(); // a line break inside a quoted field
                if (more == null) {
                    throw new InputException("line " + recordLine + ": a quoted field is not closed before the end");
                }
                lineNumber++;
                field.append('\n');
                line = more;
                i = 0;
                continue;
            }
            char ch = line.charAt(i++);
            if (quoted) {
                if (ch == '"') {
                    if (i < line.length() && line.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (ch == '"' && field.isEmpty()) {
                quoted = true;
            } else {
                field.append(ch);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** Bad input, said in one line that names the line, column or value. */
    static final class InputException extends RuntimeException {
        InputException(String message) {
            super(message);
        }
    }
}
