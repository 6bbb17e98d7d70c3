package io.clientele.demo.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A CSV file read back with a strict RFC 4180 parser (LF rows), to check what the generator wrote. */
record CsvTable(List<String> header, List<List<String>> rows) {

    static CsvTable read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            throw new IllegalStateException(file + " starts with a BOM");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty()) {
                i++;
                while (true) {
                    char q = text.charAt(i++);
                    if (q == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(q);
                    }
                }
                char after = text.charAt(i);
                if (after != ',' && after != '\n') {
                    throw new IllegalStateException("text after a closing quote at offset " + i + " of " + file);
                }
                continue;
            }
            if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else if (c == '\r') {
                throw new IllegalStateException("CR outside quotes in " + file);
            } else {
                field.append(c);
            }
            i++;
        }
        if (!record.isEmpty() || !field.isEmpty()) {
            throw new IllegalStateException(file + " does not end with a line feed");
        }
        return new CsvTable(records.getFirst(), records.subList(1, records.size()));
    }

    int column(String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + name);
        }
        return index;
    }
}
