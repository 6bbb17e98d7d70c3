package io.clientele.analytics.audience;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One value per position, dictionary-coded: code 0 is "no value", codes 1..d are the distinct values in the order
 * they were first added. A condition is decided once per distinct value (the caller fills {@code matching}), and the
 * scan is then a table lookup per candidate — whatever the value's type or how the condition compares it.
 */
public final class CodedColumn {
    private final int[] codes;
    private final List<Object> values;

    private CodedColumn(int[] codes, List<Object> values) {
        this.codes = codes;
        this.values = List.copyOf(values);
    }

    public int size() {
        return codes.length;
    }

    /** How many codes there are, "no value" included: the length {@code matching} must have. */
    public int codes() {
        return values.size() + 1;
    }

    /** The value of a code; null for code 0. */
    public @Nullable Object value(int code) {
        return code == 0 ? null : values.get(code - 1);
    }

    public int code(int position) {
        return codes[position];
    }

    /** The candidates whose code is marked in {@code matching}. */
    public BitSet select(BitSet candidates, boolean[] matching) {
        if (matching.length != codes()) {
            throw new IllegalArgumentException("matching has " + matching.length + " codes, not " + codes());
        }
        BitSet out = new BitSet(codes.length);
        for (int p = candidates.nextSetBit(0); p >= 0; p = candidates.nextSetBit(p + 1)) {
            if (matching[codes[p]]) {
                out.set(p);
            }
        }
        return out;
    }

    /** The column {@code times} over, end to end, with the same dictionary. */
    CodedColumn repeat(int times) {
        return new CodedColumn(Repeat.ints(codes, times, 0), values);
    }

    public static Builder builder(int expectedSize) {
        return new Builder(expectedSize);
    }

    /** Adds one value per position, in position order. */
    public static final class Builder {
        private int[] codes;
        private int size;
        private final Map<Object, Integer> dictionary = new HashMap<>();
        private final List<Object> values = new ArrayList<>();

        private Builder(int expectedSize) {
            codes = new int[Math.max(16, expectedSize)];
        }

        public Builder add(@Nullable Object value) {
            if (size == codes.length) {
                codes = Arrays.copyOf(codes, size * 2);
            }
            codes[size++] = value == null
                    ? 0
                    : dictionary.computeIfAbsent(value, v -> {
                        values.add(v);
                        return values.size();
                    });
            return this;
        }

        public CodedColumn build() {
            return new CodedColumn(Arrays.copyOf(codes, size), values);
        }
    }
}
