package io.clientele.platform.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever CsvWriter writes, CsvReader reads back as it was: random cells, each delimiter, any buffer size. */
class CsvRoundTripTest {
    private static final String[] PIECES = {
        "a",
        "Z",
        "7",
        "-1.5",
        " ",
        "\"",
        "\"\"",
        ",",
        ";",
        "\t",
        "\r",
        "\n",
        "\r\n",
        "é",
        "€",
        "😀",
        "東京",
        "=",
        "'",
        "\u0000",
        "\uFFFD",
        "x".repeat(300)
    };

    @ParameterizedTest
    @ValueSource(chars = {',', ';', '\t'})
    void readsBackWhatWasWritten(char delimiter) throws IOException {
        Random random = new Random(20_240_601L + delimiter);
        List<String> header = List.of("one", "two", "three");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            List<String> row = new ArrayList<>();
            int cells = 1 + random.nextInt(6);
            for (int c = 0; c < cells; c++) {
                StringBuilder cell = new StringBuilder();
                int pieces = random.nextInt(4) == 0 ? 0 : random.nextInt(6);
                for (int k = 0; k < pieces; k++) {
                    cell.append(PIECES[random.nextInt(PIECES.length)]);
                }
                row.add(cell.toString());
            }
            rows.add(row);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CsvWriter writer = new CsvWriter(
                new OutputStreamWriter(bytes, UTF_8), CsvWriteOptions.rfc4180().withDelimiter(delimiter))) {
            writer.writeRow(header);
            for (List<String> row : rows) {
                writer.writeRow(row);
            }
        }
        byte[] csv = bytes.toByteArray();

        for (int bufferSize : new int[] {CsvReader.BUFFER_SIZE, 1 + random.nextInt(100), 1 + random.nextInt(5_000)}) {
            try (CsvReader reader =
                    CsvReader.open(new ByteArrayInputStream(csv), CsvReadOptions.defaults(), bufferSize)) {
                assertThat(reader.delimiter()).isEqualTo(delimiter);
                assertThat(reader.header()).isEqualTo(header);
                long line = 2;
                for (List<String> row : rows) {
                    assertThat(reader.next()).isTrue();
                    CsvRecord record = reader.record();
                    assertThat(record.error()).as("line %d", line).isNull();
                    assertThat(record.toList()).as("line %d", line).isEqualTo(row);
                    assertThat(record.lineNumber()).isEqualTo(line);
                    line += 1
                            + String.join("", row)
                                    .chars()
                                    .filter(ch -> ch == '\n')
                                    .count();
                }
                assertThat(reader.next()).isFalse();
                assertThat(reader.position()).isEqualTo(csv.length);
            }
        }
    }
}
