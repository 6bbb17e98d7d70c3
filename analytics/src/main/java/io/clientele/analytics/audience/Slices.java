package io.clientele.analytics.audience;

import java.util.Arrays;
import java.util.BitSet;

/**
 * A sorted run of ints per position (compressed rows: position p holds {@code values[offsets[p]..offsets[p+1])}),
 * with optional running totals aligned to the values. Days with a purchase (and the purchases and amount up to
 * each), tokens of what was bought on which day, tag codes: each question is a binary search in one position's run.
 */
public final class Slices {
    private final int[] offsets;
    private final int[] values;

    private Slices(int[] offsets, int[] values) {
        this.offsets = offsets;
        this.values = values;
    }

    public int size() {
        return offsets.length - 1;
    }

    /** All values held, over all positions: the length a running total aligned to them has. */
    public int length() {
        return values.length;
    }

    public int start(int position) {
        return offsets[position];
    }

    public int end(int position) {
        return offsets[position + 1];
    }

    public int value(int index) {
        return values[index];
    }

    /** The index of the first value above {@code bound} in the position's run (its end when there is none). */
    public int upperBound(int position, int bound) {
        int low = offsets[position];
        int high = offsets[position + 1];
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (values[mid] <= bound) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Whether the position's run holds a value in {@code low..high}. */
    public boolean anyBetween(int position, int low, int high) {
        if (low > high) {
            return false;
        }
        int index = upperBound(position, low - 1);
        return index < offsets[position + 1] && values[index] <= high;
    }

    /** The candidates holding a value in at least one of the ranges {@code lows[i]..highs[i]}. */
    public BitSet selectAny(BitSet candidates, int[] lows, int[] highs) {
        BitSet out = new BitSet(size());
        for (int p = candidates.nextSetBit(0); p >= 0; p = candidates.nextSetBit(p + 1)) {
            if (offsets[p] == offsets[p + 1]) {
                continue;
            }
            for (int i = 0; i < lows.length; i++) {
                if (anyBetween(p, lows[i], highs[i])) {
                    out.set(p);
                    break;
                }
            }
        }
        return out;
    }

    /** The candidates holding a value in every one of the ranges. */
    public BitSet selectAll(BitSet candidates, int[] lows, int[] highs) {
        BitSet out = new BitSet(size());
        candidates:
        for (int p = candidates.nextSetBit(0); p >= 0; p = candidates.nextSetBit(p + 1)) {
            for (int i = 0; i < lows.length; i++) {
                if (!anyBetween(p, lows[i], highs[i])) {
                    continue candidates;
                }
            }
            out.set(p);
        }
        return out;
    }

    /**
     * A running total's growth over the values in {@code (after, upTo]}: the total at the last value at or below
     * {@code upTo} less the total at the last value at or below {@code after} (0 before the first value). The
     * candidates whose growth is in the range (or outside it, when {@code outside}).
     */
    public BitSet selectGrowth(
            BitSet candidates, long[] totals, int after, int upTo, LongRange range, boolean outside) {
        if (totals.length != values.length) {
            throw new IllegalArgumentException("totals has " + totals.length + " values, not " + values.length);
        }
        BitSet out = new BitSet(size());
        for (int p = candidates.nextSetBit(0); p >= 0; p = candidates.nextSetBit(p + 1)) {
            int start = offsets[p];
            int last = upperBound(p, upTo);
            int first = after == Integer.MIN_VALUE ? start : upperBound(p, after);
            long growth = (last == start ? 0 : totals[last - 1]) - (first == start ? 0 : totals[first - 1]);
            if (range.contains(growth) != outside) {
                out.set(p);
            }
        }
        return out;
    }

    /** The positions {@code times} over, end to end; a running total aligned to them repeats the same way. */
    Slices repeat(int times) {
        int[] repeated = Repeat.ints(Arrays.copyOf(offsets, size()), times, values.length);
        int[] ends = Arrays.copyOf(repeated, repeated.length + 1);
        ends[repeated.length] = Math.multiplyExact(values.length, times);
        return new Slices(ends, Repeat.ints(values, times, 0));
    }

    public static Builder builder(int expectedPositions, int expectedValues) {
        return new Builder(expectedPositions, expectedValues);
    }

    /** Adds each position's values (ascending) and then {@link #next()}, in position order. */
    public static final class Builder {
        private int[] offsets;
        private int[] values;
        private int positions;
        private int size;

        private Builder(int expectedPositions, int expectedValues) {
            offsets = new int[Math.max(16, expectedPositions + 1)];
            values = new int[Math.max(16, expectedValues)];
        }

        public Builder add(int value) {
            if (size > offsets[positions] && values[size - 1] > value) {
                throw new IllegalArgumentException(
                        "values of position " + positions + " must ascend: " + value + " after " + values[size - 1]);
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, Math.addExact(size, size >> 1) + 16);
            }
            values[size++] = value;
            return this;
        }

        /** Ends the current position's run. */
        public Builder next() {
            if (positions + 2 > offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            offsets[++positions] = size;
            return this;
        }

        public int length() {
            return size;
        }

        public Slices build() {
            return new Slices(Arrays.copyOf(offsets, positions + 1), Arrays.copyOf(values, size));
        }
    }
}
