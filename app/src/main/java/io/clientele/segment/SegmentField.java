package io.clientele.segment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A field segments can use, described once: its key (as conditions name it), what kind of field it is, the type of
 * its values, the operators it takes, whether a time window applies, where its value picker searches, the message
 * keys of its label and choices, and where its value comes from ({@link Source}). The three ways a count is answered
 * derive everything from the source: the plain SQL over the base tables, the segment summary (its columns and the
 * statement that fills them) and the audience index in memory (which columns it holds and how it reads them). A new
 * field is a description plus the migration that adds its summary column; see docs/architecture.md, "Adding a
 * segment field".
 */
public record SegmentField(
        String key,
        Category category,
        ValueType type,
        List<Operator> operators,
        boolean windowed,
        @Nullable String picker,
        List<String> choices,
        @Nullable String choiceLabels,
        Source source) {

    public SegmentField {
        operators = List.copyOf(operators);
        choices = List.copyOf(choices);
    }

    public enum Category {
        PROFILE,
        SCORE,
        BEHAVIOUR,
        /** Contacts and responses of campaigns. */
        CAMPAIGN,
        /** Answers to surveys. */
        SURVEY,
        /** The loyalty programme: tier, points. */
        LOYALTY
    }

    public enum ValueType {
        TEXT,
        /** Text from a fixed list ({@link #choices}). */
        CHOICE,
        NUMBER,
        DATE,
        BOOLEAN,
        /** A custom attribute: text, number or yes/no, as the condition's values are. */
        ANY
    }

    /** The message key of the field's label. */
    public String labelKey() {
        return "segfield." + key;
    }

    public boolean isScore() {
        return category == Category.SCORE;
    }

    /** Where a field's value comes from: one of a few kinds, each answered the same way by every path. */
    public sealed interface Source {
        /** One value per customer: a summary column's value, as {@code derivation} turns it into the field's today. */
        record Scalar(Column column, Derivation derivation) implements Source {}

        /** A set of texts per customer (tags): has any, all or none of the condition's values. */
        record TextSet(SetColumn column) implements Source {}

        /** A custom attribute, named by the part of the key after {@code attribute.}; not held in memory. */
        record Attribute(String name) implements Source {}

        /** A running total over the customer's receipts within the window (purchases, amount spent). */
        record Tally(TallyColumn column) implements Source {}

        /** Values the customer came to hold on days (products bought, campaign responses) within the window. */
        record Terms(TermColumn column) implements Source {}
    }

    /**
     * A value per customer that the summary stores in column {@code name} of {@code segment_customer}. {@code sql} is
     * its value over the base tables: an expression over {@code c} (customer) and {@code s} (the scoring run's row of
     * the customer, null for one the run did not score) that may use {@code :zone}, the zone days are counted in
     * (never {@code :today}: the summary must not go stale overnight; a {@link Derivation} applies the day). The
     * audience index holds it as {@code memory} says.
     */
    public record Column(String name, ColumnType type, int scale, String sql, Memory memory) {
        /** A column of text, yes/no or days, held in memory as a dictionary of its distinct values. */
        public static Column coded(String name, ColumnType type, String sql) {
            return new Column(name, type, 0, sql, Memory.CODED);
        }

        /** A number column with {@code scale} decimals at most, held in memory as unscaled longs. */
        public static Column scaled(String name, int scale, String sql) {
            return new Column(name, ColumnType.NUMBER, scale, sql, Memory.SCALED);
        }

        /** A column the audience index does not hold (nearly unique values: addresses): the summary answers. */
        public static Column unheld(String name, ColumnType type, String sql) {
            return new Column(name, type, 0, sql, Memory.NONE);
        }
    }

    /** The SQL type family of a column, as the summary stores it and COPY writes it. */
    public enum ColumnType {
        TEXT,
        FLAG,
        /** A {@code date}. */
        DAY,
        NUMBER
    }

    /** How the audience index holds a column. */
    public enum Memory {
        /** Each customer's value as the code of a distinct value: any type, compared once per distinct value. */
        CODED,
        /** Numbers as unscaled longs, compared as ranges. */
        SCALED,
        /** Not held: a condition on it is answered by the summary table. */
        NONE
    }

    /**
     * How a column's value becomes the field's on a day: the same function twice, as SQL around the column's
     * expression (may use {@code :today}) and in Java.
     */
    public record Derivation(UnaryOperator<String> sql, Reader read) {
        /** The field's value in memory, given the column's value (never null) and today. */
        @FunctionalInterface
        public interface Reader {
            @Nullable
            Object read(Object value, LocalDate today);
        }

        /** The column's value itself. */
        public static final Derivation SAME = new Derivation(sql -> sql, (value, today) -> value);

        public boolean isSame() {
            return this == SAME;
        }
    }

    /**
     * A set of texts per customer, stored as a sorted {@code text[]} column {@code name}; {@code rows} is a query of
     * {@code customer_id, value}.
     */
    public record SetColumn(String name, String rows) {}

    /**
     * A running total over the customer's receipts ({@code sale b}, cancelled ones left out): {@code aggregate} is
     * the day's amount over {@code b} (e.g. {@code count(*) filter (where b.kind = 'SALE')}), {@code scale} its
     * decimals, {@code amount} the same for one receipt in memory. The summary stores the total at each day of
     * {@code days} in column {@code name}.
     */
    public record TallyColumn(String name, String aggregate, int scale, Function<Receipt, BigDecimal> amount) {}

    /**
     * Values a customer came to hold on days, stored as tokens {@code code * span + day} in the {@code integer[]}
     * column {@code name}, the codes of its values kept in {@code segment_term} under {@code name}. {@code values}
     * lists every value a customer can hold (one column {@code value}); {@code rows} is a query of {@code customer_id,
     * value, at} (at: a timestamptz). A change to {@code values} other than an addition makes the summary stale (a
     * trigger of the table's migration says so).
     */
    public record TermColumn(String name, String values, String rows) {}

    /** A receipt as a tally sees it in memory: its day, kind (SALE, RETURN) and net amount. */
    public record Receipt(LocalDate day, String kind, BigDecimal amount) {}
}
