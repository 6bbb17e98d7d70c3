package io.clientele.segment;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A field segments can use: its key (as conditions name it), what kind of field it is, the type of its values, the
 * operators it takes, whether a time window applies, where its value picker searches, and where its value comes
 * from ({@link Source}: the SQL the compiler writes and what the in-memory evaluator reads are defined together).
 */
public record SegmentField(
        String key,
        Category category,
        ValueType type,
        List<Operator> operators,
        boolean windowed,
        @Nullable String picker,
        List<String> choices,
        Source source) {

    public enum Category {
        PROFILE,
        SCORE,
        BEHAVIOUR,
        /** Contacts and responses of campaigns. */
        CAMPAIGN
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

    /** Where a field's value comes from. */
    public sealed interface Source {
        /**
         * One value per customer: {@code sql} is an expression over {@code c} (customer) and {@code s} (the latest
         * run's score row) that may use {@code :today} and {@code :zone}; {@code read} gives the same value in memory.
         */
        record Scalar(String sql, Reader read) implements Source {}

        /** A scalar field's value in memory, on a given day (ages and day counts depend on it). */
        @FunctionalInterface
        interface Reader {
            @Nullable
            Object read(CustomerFacts facts, LocalDate today);
        }

        /** The customer's tags. */
        record Tags() implements Source {}

        /** Whether the customer consented to a channel (EMAIL, SMS, MAIL, PHONE). */
        record Consent(String channel) implements Source {}

        /** A custom attribute, named by the part of the key after {@code attribute.}. */
        record Attribute(String name) implements Source {}

        /** Products bought, by SKU, brand or category, within the window. */
        record Bought(Level level) implements Source {}

        /** The number of purchases (sale receipts) within the window. */
        record Purchases() implements Source {}

        /** The amount spent within the window, net of returns. */
        record Spent() implements Source {}

        /**
         * Rows another feature keeps about customers (a campaign's contacts and responses): {@code rows} is a query
         * of {@code customer_id, value, at} (the value the condition's values name, as text; the time the window
         * applies to). The field is the set of the customer's values within the window; in memory,
         * {@link CustomerFacts#related()} under the field's key.
         */
        record Related(String rows) implements Source {}
    }

    public enum Level {
        PRODUCT("p.sku", "products"),
        BRAND("p.brand", "brands"),
        CATEGORY("p.category", "categories");

        final String column;
        /** The summary's column is {@code bought_<plural>}. */
        final String plural;

        Level(String column, String plural) {
            this.column = column;
            this.plural = plural;
        }
    }

    public boolean isScore() {
        return category == Category.SCORE;
    }
}
