package io.clientele.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which column of a file feeds which field: {@code field -> column header}. Fields not mapped are not read (and
 * left as they are on records being updated).
 */
public record ColumnMapping(Map<String, String> columns) {

    public ColumnMapping {
        columns = Map.copyOf(columns);
    }

    /** The mapping a file gets without one: every column whose header names a field (or an alias of it). */
    public static ColumnMapping automatic(ImportKind kind, List<String> header) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (ImportField field : kind.fields()) {
            header.stream().filter(field::matches).findFirst().ifPresent(column -> columns.put(field.name(), column));
        }
        return new ColumnMapping(columns);
    }

    /** This mapping with {@code field=column} pairs laid over it, as given by {@code --map}. */
    public ColumnMapping with(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(columns);
        merged.putAll(overrides);
        return new ColumnMapping(merged);
    }

    /** Problems that stop an import before it reads a row: unknown fields, missing columns, required fields. */
    public List<String> problems(ImportKind kind, List<String> header) {
        List<String> problems = new ArrayList<>();
        columns.forEach((field, column) -> {
            if (kind.field(field).isEmpty()) {
                problems.add(field + ": not a field of " + kind.commandName() + " imports");
            } else if (!header.contains(column)) {
                problems.add(field + ": the file has no column '" + column + "'");
            }
        });
        for (ImportField field : kind.fields()) {
            if (field.required() && !columns.containsKey(field.name())) {
                problems.add(field.name() + ": required, but no column is mapped to it (columns: "
                        + String.join(", ", header) + ")");
            }
        }
        return problems;
    }

    /** For each field of {@code kind} in order, the index of its column in {@code header}, or -1. */
    int[] indexes(ImportKind kind, List<String> header) {
        int[] indexes = new int[kind.fields().size()];
        for (int i = 0; i < indexes.length; i++) {
            String column = columns.get(kind.fields().get(i).name());
            indexes[i] = column == null ? -1 : header.indexOf(column);
        }
        return indexes;
    }
}
