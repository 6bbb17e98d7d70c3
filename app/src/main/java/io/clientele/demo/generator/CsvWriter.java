package io.clientele.demo.generator;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one CSV file: UTF-8 without BOM, comma-separated, rows ending in LF, a field quoted (RFC 4180) only when it
 * holds a comma, quote or line break, an empty field for null. Numbers, money and timestamps are written digit by
 * digit: the sales file has millions of rows and String.format would dominate its cost.
 */
final class CsvWriter implements Closeable {
    private static final int BUFFER_CHARS = 1 << 20;

    private final Writer out;
    private final char[] digits = new char[20];
    private boolean rowStarted;

    CsvWriter(Path file, String... header) throws IOException {
        out = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), BUFFER_CHARS);
        for (String column : header) {
            text(column);
        }
        endRow();
    }

    CsvWriter text(String value) throws IOException {
        separate();
        if (value == null) {
            return this;
        }
        if (needsQuotes(value)) {
            out.write('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"') {
                    out.write('"');
                }
                out.write(c);
            }
            out.write('"');
        } else {
            out.write(value);
        }
        return this;
    }

    CsvWriter integer(long value) throws IOException {
        separate();
        writeDigits(value);
        return this;
    }

    /** Cents as a decimal with exactly two places: 12345 is 123.45, -500 is -5.00. */
    CsvWriter money(long cents) throws IOException {
        separate();
        if (cents < 0) {
            out.write('-');
            cents = -cents;
        }
        writeDigits(cents / 100);
        long fraction = cents % 100;
        out.write('.');
        out.write((char) ('0' + fraction / 10));
        out.write((char) ('0' + fraction % 10));
        return this;
    }

    CsvWriter bool(boolean value) throws IOException {
        separate();
        out.write(value ? "true" : "false");
        return this;
    }

    /** An instant in UTC: {@code dateText} (yyyy-MM-dd) at a second of the day, e.g. 2026-03-14T07:42:10Z. */
    CsvWriter timestamp(String dateText, int secondOfDay) throws IOException {
        separate();
        out.write(dateText);
        out.write('T');
        twoDigits(secondOfDay / 3600);
        out.write(':');
        twoDigits(secondOfDay / 60 % 60);
        out.write(':');
        twoDigits(secondOfDay % 60);
        out.write('Z');
        return this;
    }

    void endRow() throws IOException {
        out.write('\n');
        rowStarted = false;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void separate() throws IOException {
        if (rowStarted) {
            out.write(',');
        }
        rowStarted = true;
    }

    private static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    private void writeDigits(long value) throws IOException {
        if (value < 0) {
            out.write('-');
            value = -value;
        }
        int start = digits.length;
        do {
            digits[--start] = (char) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        out.write(digits, start, digits.length - start);
    }

    private void twoDigits(int value) throws IOException {
        out.write((char) ('0' + value / 10));
        out.write((char) ('0' + value % 10));
    }
}
