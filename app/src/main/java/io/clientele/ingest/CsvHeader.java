package io.clientele.ingest;

import io.clientele.platform.csv.CsvReadOptions;
import io.clientele.platform.csv.CsvReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The header row of a CSV file. */
final class CsvHeader {
    private CsvHeader() {}

    static List<String> of(Path file) throws IOException {
        try (CsvReader reader = CsvReader.open(file, CsvReadOptions.defaults())) {
            return reader.header();
        }
    }
}
