package io.clientele.platform.csv;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CsvReaderTest {
    @TempDir
    Path dir;

    @Test
    void skipsAByteOrderMarkAndCountsItInThePosition() throws IOException {
        byte[] withBom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "id,name\n1,Ann\n".getBytes(UTF_8));
        try (CsvReader reader = open(withBom)) {
            assertThat(reader.header()).containsExactly("id", "name");
            assertThat(reader.position()).isEqualTo(3 + "id,name\n".length());
            assertThat(records(reader)).containsExactly("2 [1, Ann]");
            assertThat(reader.position()).isEqualTo(withBom.length);
        }
        try (CsvReader reader = open("id,name\n1,Ann\n")) {
            assertThat(reader.header()).containsExactly("id", "name");
            assertThat(records(reader)).containsExactly("2 [1, Ann]");
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "a,b,c                 | ,",
                "a;b;c                 | ;",
                "a\tb\tc               | '\t'",
                "a;b,c                 | ,", // a tie goes to comma
                "name                  | ,", // so does a single column
                "\"x,y,z\";b;c         | ;", // delimiters inside quotes do not count
                "\"a\"\"b;c\"\"\",d,e  | ,",
                "a;b,c;d\tt            | ;",
            })
    void detectsTheDelimiterFromTheHeader(String header, char expected) throws IOException {
        try (CsvReader reader = open(header + "\n")) {
            assertThat(reader.delimiter()).isEqualTo(expected);
        }
    }

    @Test
    void optionsRejectADelimiterThatIsStructure() {
        for (char bad : new char[] {'"', '\n', '\r', 'é'}) {
            assertThatThrownBy(() -> CsvReadOptions.defaults().withDelimiter(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aGivenDelimiterIsNotDetected() throws IOException {
        try (CsvReader reader =
                open("a;b,c\n1;2,3\n".getBytes(UTF_8), CsvReadOptions.defaults().withDelimiter(','))) {
            assertThat(reader.header()).containsExactly("a;b", "c");
            assertThat(records(reader)).containsExactly("2 [1;2, 3]");
        }
    }

    @Test
    void readsEachDelimiter() throws IOException {
        for (String d : List.of(",", ";", "\t")) {
            String csv = "sku" + d + "name" + d + "price\nA1" + d + "\"Lamp" + d + " \"\"big\"\"\"" + d + "12.50\n";
            try (CsvReader reader = open(csv)) {
                assertThat(reader.header()).containsExactly("sku", "name", "price");
                assertThat(reader.next()).isTrue();
                assertThat(reader.record().toList()).containsExactly("A1", "Lamp" + d + " \"big\"", "12.50");
            }
        }
    }

    @Test
    void quotedFieldsHoldDelimitersQuotesAndLineBreaksAndTheLinesStayCounted() throws IOException {
        String csv = """
                id,note,n
                1,"a,b",x
                2,"say ""hi""\",y
                3,"two\r
                lines",z
                4,"three
                lines
                here",w
                5,"",""
                6,plain "inch",v
                """;
        try (CsvReader reader = open(csv)) {
            assertThat(records(reader))
                    .containsExactly(
                            "2 [1, a,b, x]",
                            "3 [2, say \"hi\", y]",
                            "4 [3, two\r\nlines, z]",
                            "6 [4, three\nlines\nhere, w]",
                            "9 [5, , ]",
                            "10 [6, plain \"inch\", v]");
        }
    }

    @Test
    void crlfAndLfReadTheSame() throws IOException {
        String lf = "a,b\n1,2\n\"x\ny\",3\n,\n";
        List<String> expected = List.of("2 [1, 2]", "3 [x\ny, 3]", "5 [, ]");
        try (CsvReader reader = open(lf)) {
            assertThat(records(reader)).isEqualTo(expected);
        }
        try (CsvReader reader = open(lf.replace("\n", "\r\n"))) {
            assertThat(records(reader)).containsExactly("2 [1, 2]", "3 [x\r\ny, 3]", "5 [, ]");
        }
    }

    @Test
    void aCarriageReturnNotBeforeALineFeedIsData() throws IOException {
        try (CsvReader reader = open("a,b\n1\r2,3\r\n4,5\r")) {
            assertThat(records(reader)).containsExactly("2 [1\r2, 3]", "3 [4, 5]");
        }
        try (CsvReader reader = open("a,b\n\"4\",\"5\"\r")) {
            assertThat(records(reader)).containsExactly("2 [4, 5]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "\r\n\n", "\uFEFF"})
    void aFileWithoutAHeaderIsRejected(String content) {
        assertThatThrownBy(() -> open(content))
                .isInstanceOf(CsvFileException.class)
                .hasMessage("empty file: there is no header line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,b", "a,b\n", "a,b\r\n", "a,b\n\n\n"})
    void aHeaderWithoutRecordsHasNoRecords(String content) throws IOException {
        try (CsvReader reader = open(content)) {
            assertThat(reader.header()).containsExactly("a", "b");
            assertThat(reader.next()).isFalse();
            assertThat(reader.next()).isFalse();
            assertThat(reader.position()).isEqualTo(content.length());
        }
    }

    @Test
    void emptyLinesAreNotRecordsButAQuotedEmptyFieldIs() throws IOException {
        try (CsvReader reader = open("\na\n1\n\n\r\n2\n\"\"\n \n\n")) {
            assertThat(reader.header()).containsExactly("a");
            assertThat(records(reader)).containsExactly("3 [1]", "6 [2]", "7 []", "8 [ ]");
        }
    }

    @Test
    void theLastRecordNeedsNoLineEnd() throws IOException {
        try (CsvReader reader = open("a,b\n1,2\n3,\"4\"")) {
            assertThat(records(reader)).containsExactly("2 [1, 2]", "3 [3, 4]");
        }
        try (CsvReader reader = open("a,b\n1,")) {
            assertThat(records(reader)).containsExactly("2 [1, ]");
        }
    }

    @Test
    void fieldsAreNotTrimmedAndTheFieldCountIsTheCallersBusiness() throws IOException {
        try (CsvReader reader = open("a,b\n x ,y\n1\n1,2,3\n")) {
            assertThat(reader.next()).isTrue();
            assertThat(reader.record().get(0)).isEqualTo(" x ");
            assertThat(reader.next()).isTrue();
            assertThat(reader.record().size()).isEqualTo(1);
            assertThat(reader.record().get(1)).isNull();
            assertThat(reader.next()).isTrue();
            assertThat(reader.record().size()).isEqualTo(3);
        }
    }

    @Test
    void multiByteUtf8IsDecoded() throws IOException {
        try (CsvReader reader = open("name,city\nRenée \"Zoë\",Zürich €\n\"😀, \"\"ok\"\"\",東京\n")) {
            assertThat(records(reader)).containsExactly("2 [Renée \"Zoë\", Zürich €]", "3 [😀, \"ok\", 東京]");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "80", // a continuation byte alone
                "C0AF", // overlong '/'
                "C1BF",
                "E080AF", // overlong, three bytes
                "F08080AF", // overlong, four bytes
                "EDA080", // a UTF-16 surrogate
                "F4908080", // past U+10FFFF
                "F5808080",
                "FF",
                "E282", // cut short by the delimiter
                "C3", // a lead byte alone
                "E9", // Latin-1 é
            })
    void invalidUtf8IsReportedWithItsLineAndTheNextRecordIsFine(String hex) throws IOException {
        byte[] bad = HexFormat.of().parseHex(hex);
        byte[] csv = concat(
                "a,b\n1,ok\n2,x".getBytes(UTF_8),
                bad,
                ",y\n3,\"q".getBytes(UTF_8),
                bad,
                "\"\n4,fine\n".getBytes(UTF_8));
        try (CsvReader reader = open(csv)) {
            assertThat(records(reader))
                    .containsExactly("2 [1, ok]", "3 invalid UTF-8", "4 invalid UTF-8", "5 [4, fine]");
        }
    }

    @Test
    void aRecordWithInvalidUtf8KeepsItsFieldsForTheReport() throws IOException {
        byte[] csv = concat(
                "a,b\n".getBytes(UTF_8), "Ren".getBytes(UTF_8), new byte[] {(byte) 0xE9}, "e,2\n".getBytes(UTF_8));
        try (CsvReader reader = open(csv)) {
            assertThat(reader.next()).isTrue();
            assertThat(reader.record().toList()).containsExactly("Ren\uFFFDe", "2");
            assertThat(reader.record().raw()).isEqualTo("Ren\uFFFDe,2");
        }
    }

    @Test
    void validEdgesOfUtf8AreAccepted() throws IOException {
        String edges = "\u0080\u07FF\u0800\uD7FF\uE000\uFFFF\uD800\uDC00\uDBFF\uDFFF";
        try (CsvReader reader = open("a\n" + edges + "\n")) {
            assertThat(records(reader)).containsExactly("2 [" + edges + "]");
        }
    }

    @Test
    void aLatin1HeaderIsAFileError() {
        byte[] latin1 = "Prénom;Nom\nRenée;Dupont\n".getBytes(ISO_8859_1);
        assertThatThrownBy(() -> open(latin1))
                .isInstanceOf(CsvFileException.class)
                .hasMessage("not UTF-8: the file looks like ISO-8859-1/Windows-1252; save it as UTF-8");
    }

    @Test
    void aUtf16FileIsAFileError() {
        byte[] utf16 = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "a,b\n".getBytes(UTF_16LE));
        assertThatThrownBy(() -> open(utf16))
                .isInstanceOf(CsvFileException.class)
                .hasMessage("not UTF-8: the file is UTF-16; save it as UTF-8");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "id,email,EMAIL,email | header: column name \"email\" appears twice (columns 2 and 4)",
                "id,,name             | header: column 2 has no name",
                "id,name, ,x          | header: column 3 has no name",
                "id,\"a\"b            | header on line 1: unexpected character after closing quote",
            })
    void badColumnNamesAreFileErrors(String header, String message) {
        assertThatThrownBy(() -> open(header + "\n1,2,3,4\n"))
                .isInstanceOf(CsvFileException.class)
                .hasMessage(message);
    }

    @Test
    void anUnterminatedQuoteCostsOneRecordNotTheRestOfTheFile() throws IOException {
        try (CsvReader reader = open("a,b\n1,ok\n2,\"never closed\n3,x\n4,y\n")) {
            assertThat(records(reader))
                    .containsExactly("2 [1, ok]", "3 unterminated quoted field", "4 [3, x]", "5 [4, y]");
        }
    }

    @Test
    void anUnterminatedQuoteOnTheLastLineEndsTheFile() throws IOException {
        try (CsvReader reader = open("a,b\n1,ok\n2,\"never closed")) {
            assertThat(records(reader)).containsExactly("2 [1, ok]", "3 unterminated quoted field");
            assertThat(reader.record().raw()).isEqualTo("2,\"never closed");
        }
    }

    @Test
    void aQuoteRunningPastTheRecordLimitIsUnterminated() throws IOException {
        StringBuilder csv = new StringBuilder("a,b\n1,\"open\n");
        for (int i = 2; i <= 40; i++) {
            csv.append(i).append(",row ").append(i).append('\n');
        }
        try (CsvReader reader =
                open(csv.toString().getBytes(UTF_8), CsvReadOptions.defaults().withMaxRecordBytes(100))) {
            List<String> records = records(reader);
            assertThat(records).hasSize(40);
            assertThat(records.getFirst()).isEqualTo("2 unterminated quoted field");
            assertThat(records.get(1)).isEqualTo("3 [2, row 2]");
            assertThat(records.getLast()).isEqualTo("41 [40, row 40]");
        }
    }

    @Test
    void aStrayQuoteClosedLaterResumesAfterItsOwnLine() throws IOException {
        // the quote opened on line 3 closes at the first quote of line 5, which is followed by text
        try (CsvReader reader = open("a,b\n1,x\n2,\"stray\n3,y\n4,\"fine\"\n5,z\n")) {
            assertThat(records(reader))
                    .containsExactly(
                            "2 [1, x]",
                            "3 unexpected character after closing quote",
                            "4 [3, y]",
                            "5 [4, fine]",
                            "6 [5, z]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2,\"a\"b,c", "2,\"a\" ,c", "2,\"a\"\"b\"x", "2,\"a\"\rb"})
    void textAfterAClosingQuoteIsReportedAndTheNextLineRead(String bad) throws IOException {
        try (CsvReader reader = open("a,b,c\n1,x,y\n" + bad + "\n3,z,w\n")) {
            List<String> records = records(reader);
            assertThat(records.get(1)).isEqualTo("3 unexpected character after closing quote");
            assertThat(records).hasSize(3).element(2).isEqualTo("4 [3, z, w]");
        }
    }

    @Test
    void aLineLongerThanTheLimitIsReportedAndSkipped() throws IOException {
        String longLine = "2," + "x".repeat(1_100_000) + ",\"y\"";
        String csv = "a,b\n1,ok\n" + longLine + "\r\n3,fine\n";
        try (CsvReader reader = open(csv)) {
            assertThat(records(reader))
                    .containsExactly("2 [1, ok]", "3 record longer than 1048576 bytes", "4 [3, fine]");
        }
        try (CsvReader reader = open(csv)) {
            reader.next();
            reader.next();
            assertThat(reader.record().raw()).hasSize(200).isEqualTo(longLine.substring(0, 200));
            assertThat(reader.position()).isEqualTo(csv.length() - "3,fine\n".length());
            assertThat(reader.lineNumberAtPosition()).isEqualTo(4);
        }
    }

    @Test
    void aRecordOfExactlyTheLimitIsFine() throws IOException {
        String record = "x".repeat(98) + ",y"; // 100 bytes
        CsvReadOptions options = CsvReadOptions.defaults().withMaxRecordBytes(100);
        try (CsvReader reader = open(("a,b\n" + record + "\r\n" + record + "z\n1,2").getBytes(UTF_8), options)) {
            assertThat(records(reader))
                    .containsExactly("2 [" + "x".repeat(98) + ", y]", "3 record longer than 100 bytes", "4 [1, 2]");
        }
    }

    @Test
    void rawIsTheRecordWithoutItsLineEnd() throws IOException {
        try (CsvReader reader = open("a,b\n1,\"x\r\ny\"\r\n")) {
            reader.next();
            assertThat(reader.record().raw()).isEqualTo("1,\"x\r\ny\"");
            assertThat(reader.record().error()).isNull();
        }
    }

    @Test
    void resumesExactlyWherePositionSaid() throws IOException {
        String csv =
                "id;note\n1;a\n2;\"multi\r\nline; \"\"quoted\"\"\"\r\n\n3;\"b\"\n4;\"stray\n5;c\n6;\"x\"y\n7;d\n8;\"open\n9;e";
        Path file = dir.resolve("resume.csv");
        Files.writeString(file, csv);
        List<String> all;
        List<long[]> marks = new ArrayList<>();
        try (CsvReader reader = CsvReader.open(file, CsvReadOptions.defaults())) {
            marks.add(new long[] {reader.position(), reader.lineNumberAtPosition()});
            all = new ArrayList<>();
            while (reader.next()) {
                all.add(describe(reader.record()));
                marks.add(new long[] {reader.position(), reader.lineNumberAtPosition()});
            }
        }
        assertThat(all)
                .containsExactly(
                        "2 [1, a]",
                        "3 [2, multi\r\nline; \"quoted\"]",
                        "6 [3, b]",
                        "7 unexpected character after closing quote", // the quote opened on line 7 closes on 9
                        "8 [5, c]",
                        "9 unexpected character after closing quote",
                        "10 [7, d]",
                        "11 unterminated quoted field",
                        "12 [9, e]");
        for (int k = 0; k < marks.size(); k++) {
            long[] mark = marks.get(k);
            try (CsvReader resumed =
                    CsvReader.resume(file, mark[0], mark[1], List.of("id", "note"), ';', CsvReadOptions.defaults())) {
                assertThat(records(resumed)).as("resumed after record %d", k).isEqualTo(all.subList(k, all.size()));
                assertThat(resumed.position()).isEqualTo(Files.size(file));
            }
        }
    }

    @Test
    void withoutAHeaderTheFirstLineIsARecordLikeTheOthers() throws IOException {
        try (CsvReader reader = open(
                "\uFEFF;x;x\n\n1;2;3\n".getBytes(UTF_8),
                CsvReadOptions.defaults().withoutHeader())) {
            assertThat(reader.header()).isEmpty();
            assertThat(reader.delimiter()).isEqualTo(';');
            assertThat(records(reader)).containsExactly("1 [, x, x]", "3 [1, 2, 3]");
        }
        try (CsvReader reader =
                open("".getBytes(UTF_8), CsvReadOptions.defaults().withoutHeader())) {
            assertThat(reader.next()).isFalse();
        }
        try (CsvReader reader =
                open("\"open\n".getBytes(UTF_8), CsvReadOptions.defaults().withoutHeader())) {
            assertThat(records(reader)).containsExactly("1 unterminated quoted field");
        }
    }

    @Test
    void streamsAFileOfAnySizeInAFixedBuffer() throws IOException {
        byte[] header = "id,text,quoted,unit\r\n".getBytes(UTF_8);
        byte[] row = "12345,some text,\"with, \"\"quotes\"\"\r\nand a line break\",€\r\n".getBytes(UTF_8);
        long rows = (256L << 20) / row.length; // 256 MiB, made as it is read: only the reader's buffer holds any of it
        try (CsvReader reader = CsvReader.open(repeated(header, row, rows), CsvReadOptions.defaults())) {
            long read = 0;
            while (reader.next()) {
                if (read++ == 0) {
                    assertThat(reader.record().toList())
                            .containsExactly("12345", "some text", "with, \"quotes\"\r\nand a line break", "€");
                }
            }
            assertThat(read).isEqualTo(rows);
            assertThat(reader.lineNumberAtPosition()).isEqualTo(2 + 2 * rows);
            assertThat(reader.bufferCapacity()).isEqualTo(CsvReader.BUFFER_SIZE);
        }
    }

    @Test
    void aRecordLongerThanTheLimitGrowsTheBufferNoFurther() throws IOException {
        byte[] header = "a,b\n".getBytes(UTF_8);
        byte[] row = ("1," + "x".repeat(5_000) + "\n2,y\n").getBytes(UTF_8);
        CsvReadOptions options = CsvReadOptions.defaults().withMaxRecordBytes(1_000);
        try (CsvReader reader = CsvReader.open(repeated(header, row, 100), options, 64)) {
            List<String> records = records(reader);
            assertThat(records).hasSize(200);
            assertThat(records.subList(0, 2)).containsExactly("2 record longer than 1000 bytes", "3 [2, y]");
            assertThat(reader.bufferCapacity()).isLessThanOrEqualTo(1_000 + 8);
        }
    }

    /** {@code header} then {@code row} {@code times} times, made as it is read. */
    private static InputStream repeated(byte[] header, byte[] row, long times) {
        return new InputStream() {
            private long left = header.length + row.length * times;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                long total = header.length + row.length * times;
                int n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) {
                    long p = total - left + i;
                    b[off + i] = p < header.length ? header[(int) p] : row[(int) ((p - header.length) % row.length)];
                }
                left -= n;
                return n;
            }
        };
    }

    @Test
    void readsJustTheHeaderOfAFile() throws IOException {
        Path file = dir.resolve("header.csv");
        Files.writeString(file, "\uFEFFid;name\n1;Ann\n");
        assertThat(CsvReader.headerOf(file)).containsExactly("id", "name");
        Files.writeString(file, "id,id\n");
        assertThatThrownBy(() -> CsvReader.headerOf(file)).isInstanceOf(CsvFileException.class);
    }

    @Test
    void anyBufferSizeReadsTheSame() throws IOException {
        byte[] csv = concat(
                "\uFEFFid;note;n\r\n1;\"a;b\";x\r\n\r\n2;\"say \"\"hi\"\"\r\nbye\";€😀\n3;\"open\n4;x\"y;z\n"
                        .getBytes(UTF_8),
                new byte[] {'5', ';', (byte) 0xE2, (byte) 0x82, '\n'},
                "6;\"\";\"\"\"\"\n7;last\r\n8;\"open".getBytes(UTF_8));
        List<String> expected;
        try (CsvReader reader = open(csv)) {
            expected = records(reader);
        }
        assertThat(expected)
                .containsExactly(
                        "2 [1, a;b, x]",
                        "4 [2, say \"hi\"\r\nbye, €😀]",
                        "6 unexpected character after closing quote",
                        "7 [4, x\"y, z]",
                        "8 invalid UTF-8",
                        "9 [6, , \"]",
                        "10 [7, last]",
                        "11 unterminated quoted field");
        for (int size = 1; size <= 64; size++) {
            try (CsvReader reader = CsvReader.open(new ByteArrayInputStream(csv), CsvReadOptions.defaults(), size)) {
                assertThat(reader.header()).containsExactly("id", "note", "n");
                assertThat(records(reader)).as("buffer of %d bytes", size).isEqualTo(expected);
                assertThat(reader.position()).isEqualTo(csv.length);
            }
        }
    }

    static String describe(CsvRecord record) {
        String error = record.error();
        return record.lineNumber() + " "
                + (error != null ? error : record.toList().toString());
    }

    static List<String> records(CsvReader reader) throws IOException {
        List<String> records = new ArrayList<>();
        while (reader.next()) {
            assertThat(reader.lineNumber()).isEqualTo(reader.record().lineNumber());
            records.add(describe(reader.record()));
        }
        return records;
    }

    private static CsvReader open(String csv) throws IOException {
        return open(csv.getBytes(UTF_8));
    }

    private static CsvReader open(byte[] csv) throws IOException {
        return open(csv, CsvReadOptions.defaults());
    }

    private static CsvReader open(byte[] csv, CsvReadOptions options) throws IOException {
        return CsvReader.open(new ByteArrayInputStream(csv), options);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
