package io.clientele.segment;

import java.util.Locale;

/**
 * How a leaf compares its field. A comparison with a missing value (no city, no score) is false, so
 * {@code city != X} leaves out customers without a city and {@code not (city = X)} takes them in.
 */
public enum Operator {
    EQ(1),
    NEQ(1),
    IN(-1),
    NOT_IN(-1),
    LT(1),
    LTE(1),
    GT(1),
    GTE(1),
    BETWEEN(2),
    CONTAINS(1),
    IS_SET(0),
    IS_NOT_SET(0),
    /** A set field (tags, products bought) holds at least one of the values. */
    HAS_ANY(-1),
    HAS_ALL(-1),
    HAS_NONE(-1);

    private final int arity;

    Operator(int arity) {
        this.arity = arity;
    }

    /** How many values the operator takes; -1 for one or more. */
    public int arity() {
        return arity;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Operator ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
