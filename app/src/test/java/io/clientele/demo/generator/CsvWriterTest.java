package io.clientele.demo.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWriterTest {
    @TempDir
    Path dir;

    private String written(CsvWriterAction action) throws Exception {
        Path file = dir.resolve("t.csv");
        try (CsvWriter csv = new CsvWriter(file, "h")) {
            action.accept(csv);
            csv.endRow();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.substring("h\n".length(), text.length() - 1);
    }

    @FunctionalInterface
    private interface CsvWriterAction {
        void accept(CsvWriter csv) throws Exception;
    }

    @Test
    void writesMoneyWithExactlyTwoDecimals() throws Exception {
        assertThat(written(csv ->
                        csv.money(12345).money(-500).money(5).money(-5).money(0).money(100)))
                .isEqualTo("123.45,-5.00,0.05,-0.05,0.00,1.00");
    }

    @Test
    void quotesOnlyFieldsWithCommaQuoteOrLineBreak() throws Exception {
        assertThat(written(csv -> csv.text("plain")
                        .text("a, b")
                        .text("say \"hi\"")
                        .text("two\nlines")
                        .text("x\ry")))
                .isEqualTo("plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\",\"x\ry\"");
    }

    @Test
    void writesNullAsAnEmptyField() throws Exception {
        assertThat(written(csv -> csv.text(null).integer(-42).text(null))).isEqualTo(",-42,");
    }

    @Test
    void writesUtcTimestampsAndBooleans() throws Exception {
        assertThat(written(csv -> csv.timestamp("2026-03-14", 7 * 3600 + 42 * 60 + 10)
                        .timestamp("2026-03-14", 0)
                        .bool(true)
                        .bool(false)))
                .isEqualTo("2026-03-14T07:42:10Z,2026-03-14T00:00:00Z,true,false");
    }

    @Test
    void writesUtf8WithoutBom() throws Exception {
        Path file = dir.resolve("u.csv");
        try (CsvWriter csv = new CsvWriter(file, "name")) {
            csv.text("Zoë").endRow();
        }
        assertThat(Files.readAllBytes(file)).startsWith("name\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("name\nZoë\n");
    }
}
