package io.clientele.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One record of an import file read through a column mapping. Getters return null for an empty or unmapped field,
 * and for a value that cannot be read, in which case the reason is added to the rejects with the field's name.
 */
final class Row {
    private final ImportKind kind;
    private final int[] columns;
    private final SourceLine record;
    private final List<Reject> rejects;
    private final ZoneId zone;
    private boolean valid = true;

    Row(ImportKind kind, int[] columns, SourceLine record, List<Reject> rejects, ZoneId zone) {
        this.kind = kind;
        this.columns = columns;
        this.record = record;
        this.rejects = rejects;
        this.zone = zone;
    }

    /**
     * The rows of {@code lines} that the CSV reader could read; each line it could not (bad UTF-8, broken quoting,
     * too long) is rejected with the reader's reason.
     */
    static java.util.List<Row> readable(
            ImportKind kind,
            int[] columns,
            java.util.List<SourceLine> lines,
            java.util.List<Reject> rejects,
            ZoneId zone) {
        java.util.List<Row> rows = new java.util.ArrayList<>(lines.size());
        for (SourceLine line : lines) {
            Row row = new Row(kind, columns, line, rejects, zone);
            if (line.error() != null) {
                row.reject(null, line.error());
            } else {
                rows.add(row);
            }
        }
        return rows;
    }

    long line() {
        return record.number();
    }

    boolean valid() {
        return valid;
    }

    void reject(@Nullable String field, String reason) {
        valid = false;
        rejects.add(new Reject(record.number(), field, reason, record.raw()));
    }

    String fieldName(int field) {
        return kind.fields().get(field).name();
    }

    /** Rejects the row when {@code key} was seen on an earlier line of the chunk (then names that line). */
    void firstOccurrence(int field, @Nullable String key, java.util.Map<String, Long> seen, String what) {
        Long earlier = key == null ? null : seen.putIfAbsent(key, line());
        if (earlier != null) {
            reject(fieldName(field), what + " " + key + " already appeared at line " + earlier);
        }
    }

    boolean mapped(int field) {
        return columns[field] >= 0;
    }

    @Nullable
    String text(int field) {
        int column = columns[field];
        if (column < 0) {
            return null;
        }
        String value = record.field(column);
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    @Nullable
    String required(int field) {
        String value = text(field);
        if (value == null) {
            reject(fieldName(field), "required");
        }
        return value;
    }

    @Nullable
    String maxLength(int field, int max) {
        String value = text(field);
        if (value != null && value.length() > max) {
            reject(fieldName(field), "longer than " + max + " characters");
            return null;
        }
        return value;
    }

    @Nullable
    Long cents(int field, boolean required) {
        String value = required ? required(field) : text(field);
        if (value == null) {
            return null;
        }
        Long cents = Values.cents(value);
        if (cents == null) {
            reject(fieldName(field), "not an amount: '" + value + "' (use digits with at most 2 decimals, e.g. 12.50)");
        }
        return cents;
    }

    @Nullable
    Integer integer(int field, boolean required) {
        String value = required ? required(field) : text(field);
        if (value == null) {
            return null;
        }
        Integer number = Values.integer(value);
        if (number == null) {
            reject(fieldName(field), "not a whole number: '" + value + "'");
        }
        return number;
    }

    @Nullable
    LocalDate date(int field) {
        String value = text(field);
        if (value == null) {
            return null;
        }
        LocalDate date = Values.date(value);
        if (date == null) {
            reject(fieldName(field), "not a date: '" + value + "' (use yyyy-MM-dd)");
        }
        return date;
    }

    @Nullable
    Instant instant(int field, boolean required) {
        String value = required ? required(field) : text(field);
        if (value == null) {
            return null;
        }
        Instant instant = Values.instant(value, zone);
        if (instant == null) {
            reject(fieldName(field), "not a date and time: '" + value + "' (use e.g. 2026-03-14T15:42:10+08:00)");
        }
        return instant;
    }

    @Nullable
    Boolean bool(int field) {
        String value = text(field);
        if (value == null) {
            return null;
        }
        Boolean bool = Values.bool(value);
        if (bool == null) {
            reject(fieldName(field), "not true or false: '" + value + "'");
        }
        return bool;
    }

    /** An upper-cased value that must be one of {@code allowed}. */
    @Nullable
    String oneOf(int field, Set<String> allowed) {
        String value = text(field);
        if (value == null) {
            return null;
        }
        String upper = value.toUpperCase(java.util.Locale.ROOT);
        if (!allowed.contains(upper)) {
            reject(
                    fieldName(field),
                    "'" + value + "' is not one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
            return null;
        }
        return upper;
    }
}
