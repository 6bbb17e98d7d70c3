package io.clientele.platform.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvWriterTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "=SUM(A1)       | '=SUM(A1)",
                "@x             | '@x",
                "+1+1           | '+1+1",
                "-2+3           | '-2+3",
                "=1,2           | `\"'=1,2\"`",
                "-12.5          | -12.5",
                "+12,5          | `\"+12,5\"`", // a plain number, quoted only for its comma
                "-7             | -7",
                "-              | '-",
                "-.5            | '-.5",
                "-1e5           | '-1e5",
                "normal         | normal",
                "a=b            | a=b",
                "a,b            | `\"a,b\"`",
                "`=HYPERLINK(\"http://x\",\"y\")` | `\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"`",
                "@SUM(A1:A9)    | '@SUM(A1:A9)",
                "+33 1 23 45    | '+33 1 23 45",
                "+33            | +33",
                "1,5            | `\"1,5\"`",
                "Mei Chen       | Mei Chen",
            })
    void neutralisesFormulasButNotPlainNumbers(String cell, String written) throws IOException {
        assertThat(write(true, ',', List.of(cell))).isEqualTo(written + "\r\n");
    }

    @Test
    void neutralisesCellsStartingWithTabOrCarriageReturn() throws IOException {
        assertThat(write(true, ',', List.of("\t=1", "\r=1"))).isEqualTo("'\t=1,\"'\r=1\"\r\n");
    }

    @Test
    void writesAnExportRowForSpreadsheets() throws IOException {
        StringWriter out = new StringWriter();
        CsvWriter csv = new CsvWriter(out, CsvWriteOptions.forSpreadsheets());
        csv.writeRow(List.of("1", "O'Neill, Ann", "say \"hi\"", " padded", "two\nlines", "", "=1+1"));
        assertThat(out.toString())
                .isEqualTo("1,\"O'Neill, Ann\",\"say \"\"hi\"\"\",\" padded\",\"two\nlines\",,'=1+1\r\n");
    }

    @Test
    void leavesFormulasAloneWhenAskedTo() throws IOException {
        assertThat(write(false, ',', List.of("=SUM(A1)", "@x", "-2+3"))).isEqualTo("=SUM(A1),@x,-2+3\r\n");
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "plain      | plain",
                "a,b        | `\"a,b\"`",
                "a;b        | a;b", // not the delimiter
                "say \"hi\" | `\"say \"\"hi\"\"\"`",
                "\"         | `\"\"\"\"`",
                "`  lead`   | `\"  lead\"`",
                "`trail `   | `\"trail \"`",
                "`in side`  | `in side`",
                "`a\nb`     | `\"a\nb\"`",
                "`a\rb`     | `\"a\rb\"`",
                "`é €`      | `é €`",
            })
    void quotesOnlyWhereNeeded(String cell, String written) throws IOException {
        assertThat(write(false, ',', List.of(cell, "x"))).isEqualTo(written + ",x\r\n");
    }

    @Test
    void quotesTheChosenDelimiter() throws IOException {
        assertThat(write(false, ';', List.of("a;b", "a,b", "c\td"))).isEqualTo("\"a;b\";a,b;c\td\r\n");
        assertThat(write(false, '\t', List.of("a;b", "a,b", "c\td"))).isEqualTo("a;b\ta,b\t\"c\td\"\r\n");
    }

    @Test
    void emptyCellsStayEmptyButALoneEmptyCellIsQuotedSoTheLineIsNotBlank() throws IOException {
        assertThat(write(false, ',', List.of("", "", ""))).isEqualTo(",,\r\n");
        assertThat(write(false, ',', List.of(""))).isEqualTo("\"\"\r\n");
    }

    @Test
    void aRowNeedsACell() {
        assertThatThrownBy(() -> write(false, ',', List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void endsRowsAsTheOptionsSay() throws IOException {
        StringWriter out = new StringWriter();
        try (CsvWriter writer = new CsvWriter(out, CsvWriteOptions.rfc4180().withLineEnd(CsvWriteOptions.LineEnd.LF))) {
            writer.writeRow("a", "two\r\nlines");
            writer.writeRow("b", "c");
        }
        assertThat(out).hasToString("a,\"two\r\nlines\"\nb,c\n");
        assertThat(write(false, ',', List.of("a", "b"))).isEqualTo("a,b\r\n");
    }

    @Test
    void writesCellByCell() throws IOException {
        StringWriter out = new StringWriter();
        try (CsvWriter writer = new CsvWriter(out, CsvWriteOptions.forSpreadsheets())) {
            writer.text("=1").text(null).integer(-42).text("a,b").endRow();
            writer.text(null).endRow();
            writer.integer(0).endRow();
        }
        assertThat(out).hasToString("'=1,,-42,\"a,b\"\r\n\"\"\r\n0\r\n");
    }

    @Test
    void writesWholeNumbersAndCentsDigitByDigit() throws IOException {
        StringWriter out = new StringWriter();
        try (CsvWriter writer = new CsvWriter(out, CsvWriteOptions.forSpreadsheets())) {
            writer.integer(7)
                    .integer(-42)
                    .integer(Long.MAX_VALUE)
                    .integer(Long.MIN_VALUE)
                    .endRow();
            writer.cents(12345)
                    .cents(-500)
                    .cents(5)
                    .cents(-5)
                    .cents(0)
                    .cents(100)
                    .endRow();
            writer.cents(Long.MIN_VALUE).cents(Long.MAX_VALUE).endRow();
        }
        assertThat(out)
                .hasToString("7,-42,9223372036854775807,-9223372036854775808\r\n"
                        + "123.45,-5.00,0.05,-0.05,0.00,1.00\r\n"
                        + "-92233720368547758.08,92233720368547758.07\r\n");
    }

    @Test
    void endingARowWithoutCellsIsAMistake() {
        CsvWriter writer = new CsvWriter(new StringWriter(), CsvWriteOptions.rfc4180());
        assertThatThrownBy(writer::endRow).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void optionsRejectADelimiterThatIsStructure() {
        for (char bad : new char[] {'"', '\n', '\r'}) {
            assertThatThrownBy(() -> CsvWriteOptions.rfc4180().withDelimiter(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void createsAUtf8FileWithoutAByteOrderMark(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("u.csv");
        try (CsvWriter writer = CsvWriter.create(file, CsvWriteOptions.rfc4180())) {
            writer.writeRow("name");
            writer.writeRow("Zoë");
        }
        assertThat(Files.readAllBytes(file)).isEqualTo("name\r\nZoë\r\n".getBytes(StandardCharsets.UTF_8));
    }

    private static String write(boolean neutraliseFormulas, char delimiter, List<String> row) throws IOException {
        StringWriter out = new StringWriter();
        try (CsvWriter writer =
                new CsvWriter(out, new CsvWriteOptions(delimiter, CsvWriteOptions.LineEnd.CRLF, neutraliseFormulas))) {
            writer.writeRow(row);
        }
        return out.toString();
    }
}
