package io.clientele.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Parsing of the values in import files, fast on the shapes POS systems write. Each method returns null for text it
 * cannot read; the caller names the field in the error.
 */
final class Values {
    private Values() {}

    /**
     * An amount in cents: {@code 12}, {@code 12.5}, {@code -3.99}, or with a decimal comma {@code 12,50}; at most two
     * decimals, no thousands separators.
     */
    static @Nullable Long cents(String text) {
        int length = text.length();
        if (length == 0 || length > 16) {
            return null;
        }
        int i = 0;
        boolean negative = false;
        if (text.charAt(0) == '-' || text.charAt(0) == '+') {
            negative = text.charAt(0) == '-';
            i = 1;
        }
        long units = 0;
        int digits = 0;
        for (; i < length; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                units = units * 10 + (c - '0');
                digits++;
            } else {
                break;
            }
        }
        long fraction = 0;
        int decimals = 0;
        if (i < length && (text.charAt(i) == '.' || text.charAt(i) == ',')) {
            for (i++; i < length; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9' || ++decimals > 2) {
                    return null;
                }
                fraction = fraction * 10 + (c - '0');
            }
        }
        if (i != length || (digits == 0 && decimals == 0)) {
            return null;
        }
        long cents = units * 100 + (decimals == 1 ? fraction * 10 : fraction);
        return negative ? -cents : cents;
    }

    static @Nullable Integer integer(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static @Nullable LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * A point in time: ISO-8601 with an offset ({@code 2026-03-14T07:42:10Z}, {@code …+08:00}), or a local date-time
     * ({@code 2026-03-14 15:42:10}, {@code 2026-03-14T15:42}) read in {@code zone}.
     */
    static @Nullable Instant instant(String text, ZoneId zone) {
        Instant fast = utcFastPath(text);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text.replace(' ', 'T')).atZone(zone).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ssZ}, the shape of most exports, without the formatter's cost. */
    private static @Nullable Instant utcFastPath(String t) {
        if (t.length() != 20
                || t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || t.charAt(10) != 'T'
                || t.charAt(13) != ':'
                || t.charAt(16) != ':'
                || t.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        if (day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second);
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** true/false, yes/no, y/n, 1/0 in any case. */
    static @Nullable Boolean bool(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "y", "1" -> Boolean.TRUE;
            case "false", "no", "n", "0" -> Boolean.FALSE;
            default -> null;
        };
    }
}
