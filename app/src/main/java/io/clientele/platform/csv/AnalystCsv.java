package io.clientele.platform.csv;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A CSV file an analyst hands to a command ({@code clv fit}, {@code basket}): comma-separated, columns found by
 * name. The header is read here rather than by the reader: an analyst's file may have a blank or repeated column
 * name (pandas writes its unnamed index so), and only the named columns matter. Every problem is a
 * {@link BadFile} whose message names the file, line or column.
 */
public final class AnalystCsv implements AutoCloseable {
    private final Path file;
    private final CsvReader csv;
    private final List<String> header;

    private AnalystCsv(Path file, CsvReader csv, List<String> header) {
        this.file = file;
        this.csv = csv;
        this.header = header;
    }

    public static AnalystCsv open(Path file) {
        CsvReader csv;
        try {
            csv = CsvReader.open(
                    file, CsvReadOptions.defaults().withDelimiter(',').withoutHeader());
        } catch (NoSuchFileException e) {
            throw new BadFile("no such file: " + file);
        } catch (IOException e) {
            throw new BadFile("cannot read " + file + ": " + e.getMessage());
        }
        try {
            if (!csv.next()) throw new BadFile(file + " is empty");
            List<String> header =
                    fields(csv.record(), file).stream().map(String::trim).toList();
            return new AnalystCsv(file, csv, header);
        } catch (IOException e) {
            closeQuietly(csv);
            throw new BadFile("cannot read " + file + ": " + e.getMessage());
        } catch (BadFile e) {
            closeQuietly(csv);
            throw e;
        }
    }

    public List<String> header() {
        return header;
    }

    /** The index of the named column. */
    public int column(String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new BadFile(
                    "column " + name + " is not in " + file + "; its columns are " + String.join(", ", header));
        }
        return index;
    }

    /** The next row's fields, as many as the header's; blank lines are skipped; null at the end. */
    public @Nullable List<String> next() {
        try {
            while (csv.next()) {
                List<String> fields = fields(csv.record(), file);
                if (fields.size() == 1 && fields.get(0).isEmpty()) continue;
                if (fields.size() != header.size()) {
                    throw new BadFile("line " + lineNumber() + " of " + file + " has " + fields.size()
                            + " fields, the header " + header.size());
                }
                return fields;
            }
            return null;
        } catch (IOException e) {
            throw new BadFile("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The line the last row started on. */
    public long lineNumber() {
        return csv.lineNumber();
    }

    @Override
    public void close() {
        closeQuietly(csv);
    }

    private static List<String> fields(CsvRecord record, Path file) {
        String error = record.error();
        if (error != null) throw new BadFile("line " + record.lineNumber() + " of " + file + ": " + error);
        return record.toList();
    }

    private static void closeQuietly(CsvReader csv) {
        try {
            csv.close();
        } catch (IOException e) {
            // nothing was written: a failed close loses nothing
        }
    }

    /** A file that cannot be read as asked, said in one line. */
    public static final class BadFile extends RuntimeException {
        public BadFile(String message) {
            super(message);
        }
    }
}
