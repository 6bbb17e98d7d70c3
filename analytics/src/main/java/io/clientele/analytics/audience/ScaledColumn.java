package io.clientele.analytics.audience;

import java.util.Arrays;
import java.util.BitSet;

/**
 * One decimal number per position, held as its unscaled value at a fixed scale ({@code 12.34} at scale 2 is 1234),
 * or none. Exact: a comparison with any decimal is turned into a range of unscaled values by {@link LongRange}.
 */
public final class ScaledColumn {
    /** The unscaled value that stands for "no value"; {@link LongRange} never includes it. */
    public static final long NONE = Long.MIN_VALUE;

    private final long[] values;
    private final int scale;

    private ScaledColumn(long[] values, int scale) {
        this.values = values;
        this.scale = scale;
    }

    public int size() {
        return values.length;
    }

    public int scale() {
        return scale;
    }

    public long value(int position) {
        return values[position];
    }

    /** The candidates with a value, inside the range (or outside it but with a value, when {@code outside}). */
    public BitSet select(BitSet candidates, LongRange range, boolean outside) {
        BitSet out = new BitSet(values.length);
        for (int p = candidates.nextSetBit(0); p >= 0; p = candidates.nextSetBit(p + 1)) {
            long v = values[p];
            if (v != NONE && range.contains(v) != outside) {
                out.set(p);
            }
        }
        return out;
    }

    /** The candidates with a value ({@code set}) or without one. */
    public BitSet selectSet(BitSet candidates, boolean set) {
        BitSet out = new BitSet(values.length);
        for (int p = candidates.nextSetBit(0); p >= 0; p = candidates.nextSetBit(p + 1)) {
            if ((values[p] != NONE) == set) {
                out.set(p);
            }
        }
        return out;
    }

    /**
     * The first {@code k} of the candidates by value, largest first, those without a value last, ties by position
     * (which is customer id order): what {@code order by value desc nulls last, id limit k} returns.
     */
    public int[] top(BitSet candidates, int k) {
        // a heap of the best k so far with the worst of them at the root
        int[] heap = new int[Math.min(k, candidates.cardinality())];
        int size = 0;
        for (int p = candidates.nextSetBit(0); p >= 0 && heap.length > 0; p = candidates.nextSetBit(p + 1)) {
            if (size < heap.length) {
                heap[size] = p;
                up(heap, size++);
            } else if (before(p, heap[0])) {
                heap[0] = p;
                down(heap, size);
            }
        }
        // taking the worst off the root, last place first, leaves the array best first
        for (int end = size - 1; end > 0; end--) {
            int worst = heap[0];
            heap[0] = heap[end];
            heap[end] = worst;
            down(heap, end);
        }
        return heap;
    }

    /** Whether position a comes before position b in {@link #top}'s order. */
    private boolean before(int a, int b) {
        return values[a] > values[b] || (values[a] == values[b] && a < b);
    }

    private void up(int[] heap, int at) {
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (!before(heap[parent], heap[at])) {
                return;
            }
            swap(heap, parent, at);
            at = parent;
        }
    }

    private void down(int[] heap, int size) {
        int at = 0;
        while (true) {
            int worst = at;
            for (int child = 2 * at + 1; child <= 2 * at + 2 && child < size; child++) {
                if (before(heap[worst], heap[child])) {
                    worst = child;
                }
            }
            if (worst == at) {
                return;
            }
            swap(heap, at, worst);
            at = worst;
        }
    }

    private static void swap(int[] heap, int i, int j) {
        int t = heap[i];
        heap[i] = heap[j];
        heap[j] = t;
    }

    /** The column {@code times} over, end to end. */
    ScaledColumn repeat(int times) {
        return new ScaledColumn(Repeat.longs(values, times, 0), scale);
    }

    public static Builder builder(int scale, int expectedSize) {
        return new Builder(scale, expectedSize);
    }

    /** Adds one unscaled value (or {@link #NONE}) per position, in position order. */
    public static final class Builder {
        private final int scale;
        private long[] values;
        private int size;

        private Builder(int scale, int expectedSize) {
            this.scale = scale;
            values = new long[Math.max(16, expectedSize)];
        }

        public Builder add(long unscaled) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = unscaled;
            return this;
        }

        public ScaledColumn build() {
            return new ScaledColumn(Arrays.copyOf(values, size), scale);
        }
    }
}
