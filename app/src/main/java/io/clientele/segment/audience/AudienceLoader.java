package io.clientele.segment.audience;

import io.clientele.analytics.audience.AudienceIndex;
import io.clientele.analytics.audience.CodedColumn;
import io.clientele.analytics.audience.ScaledColumn;
import io.clientele.analytics.audience.Slices;
import io.clientele.platform.db.CopyReader;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SegmentField;
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

/**
 * Reads the segment summary into an {@link AudienceIndex}, streamed with COPY in one repeatable-read snapshot (the
 * caller's transaction), so the index is exactly the summary of the {@code built_at} it records. What it reads is
 * the registered fields' storage, each array named by its summary column: scalar columns as their descriptions say
 * ({@link SegmentField.Memory}), the tallies' running totals over the slices {@code days}, the term columns' tokens
 * and the set columns' codes as slices.
 */
public final class AudienceLoader {
    /** The slices of the days with a receipt, which the tallies' totals run over. */
    static final String DAYS = "days";

    private AudienceLoader() {}

    /**
     * The summary's identity: the index answers only while the summary in the database is still this one. A fold
     * counts a revision and keeps the rest.
     */
    public record Version(
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

    /**
     * An index and what it was read from: the codes of the term columns' values in their tokens (by column name and
     * value), and the codes the set columns' slices hold (by column name, then value).
     */
    public record Loaded(
            AudienceIndex index,
            Version version,
            Map<String, Integer> terms,
            Map<String, Map<String, Integer>> setCodes) {
        /** The code of a term column's value in its tokens; null when the summary had none. */
        @Nullable
        Integer term(SegmentField.TermColumn column, String value) {
            return terms.get(column.name() + ':' + value);
        }

        /** The code of a set column's value in its slices; null when no customer held it. */
        @Nullable
        Integer setCode(SegmentField.SetColumn column, String value) {
            return setCodes.getOrDefault(column.name(), Map.of()).get(value);
        }
    }

    /** The whole summary. */
    static @Nullable Loaded load(Connection connection, FieldRegistry fields) throws SQLException {
        Version version = version(connection);
        return version == null ? null : load(connection, fields, version, "", estimatedRows(connection));
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
    static Loaded loadChanged(Connection connection, FieldRegistry fields, Version version, long revision, int count)
            throws SQLException {
        return load(connection, fields, version, " where c.id in (" + changed(revision) + ")", count + 16L);
    }

    /** A number of ours, not input, in the text: COPY takes no parameters. */
    private static String changed(long revision) {
        return "select customer_id from segment_change where revision > " + revision;
    }

    private static Loaded load(
            Connection connection, FieldRegistry fields, Version version, String where, long expectedRows)
            throws SQLException {
        Map<String, Integer> terms = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select level, value, code from segment_term")) {
            while (rows.next()) {
                terms.put(rows.getString(1) + ':' + rows.getString(2), rows.getInt(3));
            }
        }
        int expected = (int) Math.min(Integer.MAX_VALUE - 8, expectedRows);
        Columns columns = new Columns(fields, expected);
        CopyReader copy = CopyReader.open(
                connection, "select " + columns.selectList() + " from segment_customer c" + where + " order by c.id");
        while (copy.next()) {
            columns.add(copy);
        }
        AudienceIndex.Builder index = columns.build();
        Map<String, Map<String, Integer>> setCodes = new HashMap<>();
        for (SegmentField.SetColumn set : fields.sets()) {
            Map<String, Integer> codes = new HashMap<>();
            index.slices(set.name(), set(connection, set, columns.ids(), where, codes));
            setCodes.put(set.name(), Map.copyOf(codes));
        }
        return new Loaded(index.build(), version, Map.copyOf(terms), Map.copyOf(setCodes));
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

    /** A set column's value codes per customer, ascending; another COPY in the same snapshot. */
    private static Slices set(
            Connection connection, SegmentField.SetColumn set, long[] ids, String where, Map<String, Integer> codes)
            throws SQLException {
        CopyReader copy = CopyReader.open(
                connection,
                "select c.id, x.value from segment_customer c cross join unnest(c." + set.name() + ") x(value)" + where
                        + " order by c.id");
        Slices.Builder slices = Slices.builder(ids.length, ids.length);
        int position = 0;
        List<Integer> current = new ArrayList<>();
        while (copy.next()) {
            long id = copy.getLong(0);
            String value = copy.getText(1);
            while (ids[position] != id) {
                position = endPosition(slices, current, position);
            }
            current.add(codes.computeIfAbsent(value, v -> codes.size() + 1));
        }
        while (position < ids.length) {
            position = endPosition(slices, current, position);
        }
        return slices.build();
    }

    private static int endPosition(Slices.Builder slices, List<Integer> values, int position) {
        values.sort(null);
        values.forEach(slices::add);
        values.clear();
        slices.next();
        return position + 1;
    }

    /** The columns being read, one row at a time, in the order of the select list. */
    private static final class Columns {
        private long[] ids;
        private int size;
        private final List<SegmentField.Column> held;
        private final List<CodedColumn.@Nullable Builder> coded = new ArrayList<>();
        private final List<ScaledColumn.@Nullable Builder> scaled = new ArrayList<>();
        private final List<SegmentField.TallyColumn> tallies;
        private final List<SegmentField.TermColumn> termColumns;
        private final Slices.Builder days;
        private final List<long[]> totals = new ArrayList<>();
        private final List<Slices.Builder> terms = new ArrayList<>();

        Columns(FieldRegistry fields, int expected) {
            ids = new long[Math.max(16, expected)];
            held = fields.columns().stream()
                    .filter(column -> column.memory() != SegmentField.Memory.NONE)
                    .toList();
            for (SegmentField.Column column : held) {
                boolean isScaled = column.memory() == SegmentField.Memory.SCALED;
                coded.add(isScaled ? null : CodedColumn.builder(expected));
                scaled.add(isScaled ? ScaledColumn.builder(column.scale(), expected) : null);
            }
            tallies = fields.tallies();
            termColumns = fields.terms();
            days = Slices.builder(expected, expected * 8);
            tallies.forEach(tally -> totals.add(new long[expected * 8]));
            termColumns.forEach(term -> terms.add(Slices.builder(expected, expected * 8)));
        }

        /** id, the held columns, days, the tallies' running totals, the term columns' tokens. */
        String selectList() {
            StringBuilder list = new StringBuilder("c.id");
            held.forEach(column -> list.append(", c.").append(column.name()));
            list.append(", c.days");
            tallies.forEach(tally -> list.append(", c.").append(tally.name()));
            termColumns.forEach(term -> list.append(", c.").append(term.name()));
            return list.toString();
        }

        void add(CopyReader row) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = row.getLong(0);
            int field = 1;
            for (int i = 0; i < held.size(); i++, field++) {
                SegmentField.Column column = held.get(i);
                boolean none = row.isNull(field);
                if (column.memory() == SegmentField.Memory.SCALED) {
                    scaled.get(i).add(none ? ScaledColumn.NONE : row.getScaled(field, column.scale()));
                    continue;
                }
                coded.get(i)
                        .add(
                                none
                                        ? null
                                        : switch (column.type()) {
                                            case FLAG -> row.getFlag(field);
                                            case DAY -> LocalDate.ofEpochDay(row.getDay(field));
                                            case TEXT -> row.getText(field);
                                            case NUMBER -> new java.math.BigDecimal(row.getText(field));
                                        });
            }
            int start = days.length();
            int dayCount = row.forEachInt(field++, true, days::add);
            days.next();
            for (int t = 0; t < tallies.size(); t++, field++) {
                if (start + dayCount > totals.get(t).length) {
                    totals.set(t, Arrays.copyOf(totals.get(t), (start + dayCount) * 3 / 2 + 16));
                }
                long[] into = totals.get(t);
                int[] at = {start};
                int count = row.forEachScaled(field, tallies.get(t).scale(), value -> into[at[0]++] = value);
                if (count != dayCount) {
                    throw new IllegalStateException("customer " + ids[size - 1] + ": "
                            + tallies.get(t).name() + " has " + count + " totals for " + dayCount + " days");
                }
            }
            for (Slices.Builder tokens : terms) {
                row.forEachInt(field++, false, tokens::add);
                tokens.next();
            }
        }

        long[] ids() {
            return Arrays.copyOf(ids, size);
        }

        AudienceIndex.Builder build() {
            AudienceIndex.Builder index = AudienceIndex.builder(ids());
            for (int i = 0; i < held.size(); i++) {
                String name = held.get(i).name();
                if (coded.get(i) != null) {
                    index.coded(name, coded.get(i).build());
                } else {
                    index.scaled(name, scaled.get(i).build());
                }
            }
            Slices daySlices = days.build();
            index.slices(DAYS, daySlices);
            for (int t = 0; t < tallies.size(); t++) {
                index.totals(tallies.get(t).name(), DAYS, Arrays.copyOf(totals.get(t), daySlices.length()));
            }
            for (int t = 0; t < termColumns.size(); t++) {
                index.slices(termColumns.get(t).name(), terms.get(t).build());
            }
            return index;
        }
    }
}
