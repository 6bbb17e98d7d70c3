package io.clientele.segment;

import io.clientele.analytics.audience.AudienceIndex;
import io.clientele.analytics.audience.CodedColumn;
import io.clientele.analytics.audience.ScaledColumn;
import io.clientele.analytics.audience.Slices;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Reads the segment summary into an {@link AudienceIndex}, streamed with COPY in one repeatable-read snapshot (the
 * caller's transaction), so the index is exactly the summary of the {@code built_at} it records. Columns are named
 * by the field keys they answer; dates become epoch days, money cents.
 */
final class AudienceLoader {
    private static final int SCALAR_FIELDS = 27;

    private AudienceLoader() {}

    /**
     * The summary's identity: the index answers only while the summary in the database is still this one. A fold
     * counts a revision and keeps the rest.
     */
    record Version(
            OffsetDateTime builtAt, @Nullable Long runId, ZoneId zone, LocalDate firstDay, int span, long revision) {
        /** The same build, whatever was folded into it since. */
        boolean sameBuild(Version other) {
            return builtAt.equals(other.builtAt)
                    && Objects.equals(runId, other.runId)
                    && zone.equals(other.zone)
                    && firstDay.equals(other.firstDay)
                    && span == other.span;
        }
    }

    /** An index and what it was read from: term codes of the bought_* tokens, tag codes of the tags slices. */
    record Loaded(AudienceIndex index, Version version, Map<String, Integer> terms, Map<String, Integer> tags) {
        /** The code of a category, brand or product (by SKU) in the tokens; null when the summary had none. */
        @Nullable
        Integer term(SegmentField.Level level, String value) {
            return terms.get(level.name() + ':' + value);
        }
    }

    /** The whole summary. */
    static @Nullable Loaded load(Connection connection) throws SQLException {
        Version version = version(connection);
        return version == null ? null : load(connection, version, "", estimatedRows(connection));
    }

    /** The customers whose rows were folded into the summary after {@code revision}, ascending. */
    static long[] changedSince(Connection connection, long revision) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(changed(revision) + " order by 1")) {
            long[] ids = new long[16];
            int n = 0;
            while (rows.next()) {
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, n * 2);
                }
                ids[n++] = rows.getLong(1);
            }
            return Arrays.copyOf(ids, n);
        }
    }

    /**
     * The rows of the {@code count} customers folded into the summary after {@code revision} (those still there): what
     * an index read at that revision lacks.
     */
    static Loaded loadChanged(Connection connection, Version version, long revision, int count) throws SQLException {
        return load(connection, version, " where c.id in (" + changed(revision) + ")", count + 16L);
    }

    /** A number of ours, not input, in the text: COPY takes no parameters. */
    private static String changed(long revision) {
        return "select customer_id from segment_change where revision > " + revision;
    }

    private static Loaded load(Connection connection, Version version, String where, long expectedRows)
            throws SQLException {
        Map<String, Integer> terms = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select level, value, code from segment_term")) {
            while (rows.next()) {
                terms.put(rows.getString(1) + ':' + rows.getString(2), rows.getInt(3));
            }
        }
        int expected = (int) Math.min(Integer.MAX_VALUE - 8, expectedRows);
        Columns columns = new Columns(expected);
        // zone from the summary's own row: COPY takes no parameters, and nothing here comes from input
        CopyOut copy = copyOut(connection, """
                copy (select c.id, c.consent_email, c.consent_sms, c.consent_mail, c.consent_phone, c.churned,
                             c.r, c.f, c.m, c.loyalty, c.p_alive, c.clv_12m, c.satisfaction, c.grade, c.rfm_segment,
                             c.satisfaction_level, c.matrix_class, c.gender, c.income_band, c.education, c.city,
                             c.occupation, (select code from region where id = c.region_id),
                             (select code from store where id = c.home_store_id), c.birth_date,
                             (c.created_at at time zone g.zone)::date, (c.last_purchase_at at time zone g.zone)::date,
                             c.days, c.purchases, c.spent, c.bought_categories, c.bought_brands, c.bought_products
                      from segment_customer c cross join segment_summary g""" + where + """

                      order by c.id) to stdout""");
        byte[] row;
        int[] bounds = new int[2 * 40];
        while ((row = copy.readFromCopy()) != null) {
            columns.add(row, fieldBounds(row, bounds));
        }
        Map<String, Integer> tagCodes = new HashMap<>();
        Slices tags = tags(connection, columns.ids(), where, tagCodes);
        return new Loaded(columns.build(tags), version, Map.copyOf(terms), Map.copyOf(tagCodes));
    }

    static @Nullable Version version(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select built_at, run_id, zone, first_day, span, revision from segment_summary"
                                + " where not stale")) {
            if (!rows.next()) {
                return null;
            }
            return new Version(
                    rows.getObject(1, OffsetDateTime.class),
                    rows.getObject(2, Long.class),
                    ZoneId.of(rows.getString(3)),
                    rows.getObject(4, LocalDate.class),
                    rows.getInt(5),
                    rows.getLong(6));
        }
    }

    private static long estimatedRows(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select customers from segment_summary")) {
            return rows.next() ? rows.getLong(1) + 1024 : 1024;
        }
    }

    /** Tag codes per customer, ascending; a second COPY in the same snapshot. */
    private static Slices tags(Connection connection, long[] ids, String where, Map<String, Integer> codes)
            throws SQLException {
        CopyOut copy = copyOut(
                connection,
                "copy (select c.id, t.tag from segment_customer c cross join unnest(c.tags) t(tag)" + where
                        + " order by c.id) to stdout");
        Slices.Builder tags = Slices.builder(ids.length, ids.length);
        int position = 0;
        List<Integer> current = new ArrayList<>();
        byte[] row;
        int[] bounds = new int[4];
        while ((row = copy.readFromCopy()) != null) {
            fieldBounds(row, bounds);
            long id = parseLong(row, bounds[0], bounds[1]);
            String tag = text(row, bounds[2], bounds[3]);
            while (ids[position] != id) {
                position = endPosition(tags, current, position);
            }
            current.add(codes.computeIfAbsent(tag, t -> codes.size() + 1));
        }
        while (position < ids.length) {
            position = endPosition(tags, current, position);
        }
        return tags.build();
    }

    private static int endPosition(Slices.Builder slices, List<Integer> values, int position) {
        values.sort(null);
        values.forEach(slices::add);
        values.clear();
        slices.next();
        return position + 1;
    }

    /** The columns being read, one row at a time. */
    private static final class Columns {
        private long[] ids;
        private int size;
        private final Map<String, CodedColumn.Builder> coded = new HashMap<>();
        private final Map<String, ScaledColumn.Builder> scaled = new HashMap<>();
        private final Slices.Builder days;
        private final Slices.Builder categories;
        private final Slices.Builder brands;
        private final Slices.Builder products;
        private long[] purchases;
        private long[] spent;
        private int[] scratch = new int[64];

        /** Field number in the COPY row → the column it fills. */
        private static final String[] CODED = {
            null,
            "consent_email",
            "consent_sms",
            "consent_mail",
            "consent_phone",
            "churned",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            "grade",
            "rfm_segment",
            "satisfaction_level",
            "matrix_class",
            "gender",
            "income_band",
            "education",
            "city",
            "occupation",
            "region",
            "home_store",
            "birth_date",
            "customer_since",
            "last_purchase"
        };

        private static final Map<Integer, String> SCALED_NAMES =
                Map.of(6, "r", 7, "f", 8, "m", 9, "loyalty", 10, "p_alive", 11, "clv", 12, "satisfaction");
        private static final Map<Integer, Integer> SCALES = Map.of(6, 0, 7, 0, 8, 0, 9, 0, 10, 5, 11, 2, 12, 3);

        Columns(int expected) {
            ids = new long[Math.max(16, expected)];
            for (int field = 1; field < CODED.length; field++) {
                if (CODED[field] != null) {
                    coded.put(CODED[field], CodedColumn.builder(expected));
                }
            }
            SCALED_NAMES.forEach((field, name) -> scaled.put(name, ScaledColumn.builder(SCALES.get(field), expected)));
            days = Slices.builder(expected, expected * 8);
            categories = Slices.builder(expected, expected * 8);
            brands = Slices.builder(expected, expected * 8);
            products = Slices.builder(expected, expected * 8);
            purchases = new long[expected * 8];
            spent = new long[expected * 8];
        }

        void add(byte[] row, int[] bounds) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = parseLong(row, bounds[0], bounds[1]);
            for (int field = 1; field < SCALAR_FIELDS; field++) {
                int from = bounds[2 * field];
                int to = bounds[2 * field + 1];
                boolean none = isNull(row, from, to);
                String name = CODED[field];
                if (name == null) {
                    scaled.get(SCALED_NAMES.get(field))
                            .add(none ? ScaledColumn.NONE : parseScaled(row, from, to, SCALES.get(field)));
                } else if (field <= 5) {
                    coded.get(name).add(none ? null : row[from] == 't');
                } else if (field >= 24) {
                    coded.get(name).add(none ? null : LocalDate.ofEpochDay(parseDay(row, from)));
                } else {
                    coded.get(name).add(none ? null : text(row, from, to));
                }
            }
            int dayCount = intArray(row, bounds[54], bounds[55], true);
            int start = days.length();
            for (int i = 0; i < dayCount; i++) {
                days.add(scratch[i]);
            }
            days.next();
            if (start + dayCount > purchases.length) {
                purchases = Arrays.copyOf(purchases, (start + dayCount) * 3 / 2 + 16);
                spent = Arrays.copyOf(spent, purchases.length);
            }
            if (intArray(row, bounds[56], bounds[57], false) != dayCount) {
                throw new IllegalStateException("customer " + ids[size - 1] + ": purchases and days differ");
            }
            for (int i = 0; i < dayCount; i++) {
                purchases[start + i] = scratch[i];
            }
            cents(row, bounds[58], bounds[59], spent, start, dayCount);
            tokens(row, bounds[60], bounds[61], categories);
            tokens(row, bounds[62], bounds[63], brands);
            tokens(row, bounds[64], bounds[65], products);
        }

        private void tokens(byte[] row, int from, int to, Slices.Builder slices) {
            int count = intArray(row, from, to, false);
            for (int i = 0; i < count; i++) {
                slices.add(scratch[i]);
            }
            slices.next();
        }

        /** The elements of an int or date array ({@code {1,2}}, {@code {2026-01-02}}) into scratch; their count. */
        private int intArray(byte[] row, int from, int to, boolean dates) {
            int count = 0;
            int start = from + 1;
            for (int i = from + 1; i < to; i++) {
                if (row[i] == ',' || row[i] == '}') {
                    if (i > start) {
                        if (count == scratch.length) {
                            scratch = Arrays.copyOf(scratch, count * 2);
                        }
                        scratch[count++] = dates ? parseDay(row, start) : (int) parseLong(row, start, i);
                    }
                    start = i + 1;
                }
            }
            return count;
        }

        private static void cents(byte[] row, int from, int to, long[] into, int at, int expected) {
            int count = 0;
            int start = from + 1;
            for (int i = from + 1; i < to; i++) {
                if (row[i] == ',' || row[i] == '}') {
                    if (i > start) {
                        into[at + count++] = parseScaled(row, start, i, 2);
                    }
                    start = i + 1;
                }
            }
            if (count != expected) {
                throw new IllegalStateException("spent and days differ: " + count + " and " + expected);
            }
        }

        long[] ids() {
            return Arrays.copyOf(ids, size);
        }

        AudienceIndex build(Slices tags) {
            AudienceIndex.Builder index = AudienceIndex.builder(ids());
            coded.forEach((name, column) -> index.coded(name, column.build()));
            scaled.forEach((name, column) -> index.scaled(name, column.build()));
            Slices daySlices = days.build();
            index.slices("days", daySlices)
                    .totals("purchases", "days", Arrays.copyOf(purchases, daySlices.length()))
                    .totals("amount_spent", "days", Arrays.copyOf(spent, daySlices.length()))
                    .slices(SegmentField.Level.CATEGORY.name(), categories.build())
                    .slices(SegmentField.Level.BRAND.name(), brands.build())
                    .slices(SegmentField.Level.PRODUCT.name(), products.build())
                    .slices("tag", tags);
            return index.build();
        }
    }

    /** Start and end (exclusive) of each tab-separated field of a COPY text row; the row ends with a newline. */
    private static int[] fieldBounds(byte[] row, int[] bounds) {
        int field = 0;
        int start = 0;
        for (int i = 0; i < row.length; i++) {
            if (row[i] == '\t' || row[i] == '\n') {
                bounds[2 * field] = start;
                bounds[2 * field + 1] = i;
                field++;
                start = i + 1;
            }
        }
        return bounds;
    }

    private static boolean isNull(byte[] row, int from, int to) {
        return to - from == 2 && row[from] == '\\' && row[from + 1] == 'N';
    }

    private static CopyOut copyOut(Connection connection, String sql) throws SQLException {
        return connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
    }

    static long parseLong(byte[] bytes, int from, int to) {
        boolean negative = bytes[from] == '-';
        long value = 0;
        for (int i = negative ? from + 1 : from; i < to; i++) {
            value = value * 10 + (bytes[i] - '0');
        }
        return negative ? -value : value;
    }

    /** A decimal as its unscaled value at {@code scale}; digits beyond the scale must be zeros. */
    static long parseScaled(byte[] bytes, int from, int to, int scale) {
        boolean negative = bytes[from] == '-';
        long value = 0;
        int decimals = -1;
        for (int i = negative ? from + 1 : from; i < to; i++) {
            byte b = bytes[i];
            if (b == '.') {
                decimals = 0;
                continue;
            }
            if (decimals >= scale) {
                if (b != '0') {
                    throw new IllegalStateException("more than " + scale + " decimals: "
                            + new String(bytes, from, to - from, StandardCharsets.US_ASCII));
                }
                continue;
            }
            value = value * 10 + (b - '0');
            if (decimals >= 0) {
                decimals++;
            }
        }
        for (int d = Math.max(decimals, 0); d < scale; d++) {
            value *= 10;
        }
        return negative ? -value : value;
    }

    /** An ISO date (yyyy-mm-dd, as PostgreSQL writes them with DateStyle ISO) as an epoch day. */
    static int parseDay(byte[] bytes, int from) {
        int year = (int) parseLong(bytes, from, from + 4);
        int month = (int) parseLong(bytes, from + 5, from + 7);
        int day = (int) parseLong(bytes, from + 8, from + 10);
        return (int) LocalDate.of(year, month, day).toEpochDay();
    }

    /** A text field of COPY's text format: backslash escapes undone. */
    static String text(byte[] bytes, int from, int to) {
        boolean escaped = false;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\\') {
                escaped = true;
                break;
            }
        }
        if (!escaped) {
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '\\' && i + 1 < to) {
                byte next = bytes[++i];
                b = switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'v' -> 0x0b;
                    default -> next;
                };
            }
            out[n++] = b;
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
