package io.clientele.segment;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A value in a condition, of one of the field types: text, number, date or yes/no. */
public sealed interface Value {
    Object raw();

    record Text(String value) implements Value {
        @Override
        public Object raw() {
            return value;
        }
    }

    /** A number, kept canonical (no trailing zeros), so 3, 3.0 and 3.00 are one value. */
    record Number(BigDecimal value) implements Value {
        public Number {
            value = value.stripTrailingZeros();
            if (value.scale() < 0) {
                value = value.setScale(0);
            }
        }

        @Override
        public Object raw() {
            return value;
        }
    }

    record Date(LocalDate value) implements Value {
        @Override
        public Object raw() {
            return value;
        }
    }

    record Flag(boolean value) implements Value {
        @Override
        public Object raw() {
            return value;
        }
    }
}
