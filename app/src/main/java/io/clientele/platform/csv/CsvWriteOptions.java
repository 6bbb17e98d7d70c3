package io.clientele.platform.csv;

/**
 * How to write a CSV file.
 *
 * @param delimiter the field delimiter
 * @param lineEnd what ends each row
 * @param neutraliseFormulas whether a cell a spreadsheet would run as a formula gets a leading {@code '} (see
 *     {@link CsvWriter}): on for files a person opens (exports, reject reports), off for files machines read, since
 *     it changes the data
 */
public record CsvWriteOptions(char delimiter, LineEnd lineEnd, boolean neutraliseFormulas) {
    public CsvWriteOptions {
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
            throw new IllegalArgumentException("the delimiter cannot be a quote or a line end");
        }
    }

    /** RFC 4180 as written: comma, CRLF, cells as given. */
    public static CsvWriteOptions rfc4180() {
        return new CsvWriteOptions(',', LineEnd.CRLF, false);
    }

    /** For files a person opens in a spreadsheet: comma, CRLF (what Excel expects), formulas neutralised. */
    public static CsvWriteOptions forSpreadsheets() {
        return new CsvWriteOptions(',', LineEnd.CRLF, true);
    }

    public CsvWriteOptions withDelimiter(char delimiter) {
        return new CsvWriteOptions(delimiter, lineEnd, neutraliseFormulas);
    }

    public CsvWriteOptions withLineEnd(LineEnd lineEnd) {
        return new CsvWriteOptions(delimiter, lineEnd, neutraliseFormulas);
    }

    public CsvWriteOptions withFormulasNeutralised(boolean neutraliseFormulas) {
        return new CsvWriteOptions(delimiter, lineEnd, neutraliseFormulas);
    }

    public enum LineEnd {
        /** {@code \r\n}, the line end of RFC 4180 and the one Excel expects. */
        CRLF("\r\n"),
        /** {@code \n}, for files only machines read. */
        LF("\n");

        final String text;

        LineEnd(String text) {
            this.text = text;
        }
    }
}
