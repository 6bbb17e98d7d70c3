package io.clientele.analytics.audience;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Customers' facts as named columns over positions: position p is the customer {@code ids[p]}, ids ascending.
 * Immutable once built; a new one replaces it whole.
 */
public final class AudienceIndex {
    private final long[] ids;
    private final Map<String, CodedColumn> coded;
    private final Map<String, ScaledColumn> scaled;
    private final Map<String, Slices> slices;
    private final Map<String, long[]> totals;

    private AudienceIndex(Builder builder) {
        this.ids = builder.ids;
        this.coded = Map.copyOf(builder.coded);
        this.scaled = Map.copyOf(builder.scaled);
        this.slices = Map.copyOf(builder.slices);
        this.totals = Map.copyOf(builder.totals);
    }

    public int size() {
        return ids.length;
    }

    public long id(int position) {
        return ids[position];
    }

    /** The position of a customer; negative when the index does not hold them. */
    public int position(long id) {
        return Arrays.binarySearch(ids, id);
    }

    /** Every position. */
    public BitSet all() {
        BitSet all = new BitSet(ids.length);
        all.set(0, ids.length);
        return all;
    }

    /** The customer ids of the selected positions, ascending. */
    public long[] ids(BitSet positions) {
        long[] out = new long[positions.cardinality()];
        int i = 0;
        for (int p = positions.nextSetBit(0); p >= 0; p = positions.nextSetBit(p + 1)) {
            out[i++] = ids[p];
        }
        return out;
    }

    public Optional<CodedColumn> coded(String name) {
        return Optional.ofNullable(coded.get(name));
    }

    public Optional<ScaledColumn> scaled(String name) {
        return Optional.ofNullable(scaled.get(name));
    }

    public Optional<Slices> slices(String name) {
        return Optional.ofNullable(slices.get(name));
    }

    /** A running total aligned to the values of the slices it was added with. */
    public Optional<long[]> totals(String name) {
        return Optional.ofNullable(totals.get(name));
    }

    /** Roughly the heap the columns take, in bytes (arrays only, not the dictionaries' values). */
    public long bytes() {
        long bytes = 8L * ids.length;
        bytes += 4L * ids.length * coded.size();
        bytes += 8L * ids.length * scaled.size();
        for (Slices s : slices.values()) {
            bytes += 4L * (s.size() + 1) + 4L * s.length();
        }
        for (long[] t : totals.values()) {
            bytes += 8L * t.length;
        }
        return bytes;
    }

    /**
     * The same customers {@code times} over under new ids (block k's ids are the originals plus k × (the largest id
     * + 1)): an index of a size the data at hand does not reach, with its distributions, for sizing. A selection on
     * it is {@code times} the original's.
     */
    public AudienceIndex repeat(int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, not " + times);
        }
        long stride = ids.length == 0 ? 0 : Math.addExact(ids[ids.length - 1], 1);
        Builder builder = new Builder(Repeat.longs(ids, times, stride));
        coded.forEach((name, column) -> builder.coded(name, column.repeat(times)));
        scaled.forEach((name, column) -> builder.scaled(name, column.repeat(times)));
        slices.forEach((name, column) -> builder.slices(name, column.repeat(times)));
        totals.forEach((name, column) -> builder.totals.put(name, Repeat.longs(column, times, 0)));
        return builder.build();
    }

    public static Builder builder(long[] ids) {
        return new Builder(ids);
    }

    /** Collects the columns; every column must have one entry per id. */
    public static final class Builder {
        private final long[] ids;
        private final Map<String, CodedColumn> coded = new HashMap<>();
        private final Map<String, ScaledColumn> scaled = new HashMap<>();
        private final Map<String, Slices> slices = new HashMap<>();
        private final Map<String, long[]> totals = new HashMap<>();

        private Builder(long[] ids) {
            for (int i = 1; i < ids.length; i++) {
                if (ids[i] <= ids[i - 1]) {
                    throw new IllegalArgumentException("ids must ascend: " + ids[i] + " after " + ids[i - 1]);
                }
            }
            this.ids = ids;
        }

        public Builder coded(String name, CodedColumn column) {
            check(name, column.size());
            coded.put(name, column);
            return this;
        }

        public Builder scaled(String name, ScaledColumn column) {
            check(name, column.size());
            scaled.put(name, column);
            return this;
        }

        public Builder slices(String name, Slices column) {
            check(name, column.size());
            slices.put(name, column);
            return this;
        }

        /** A running total over the values of the named slices. */
        public Builder totals(String name, String slicesName, long[] column) {
            Slices of = slices.get(slicesName);
            if (of == null || of.length() != column.length) {
                throw new IllegalArgumentException(name + ": not aligned to the slices " + slicesName);
            }
            totals.put(name, column);
            return this;
        }

        private void check(String name, int size) {
            if (size != ids.length) {
                throw new IllegalArgumentException(name + " has " + size + " positions, not " + ids.length);
            }
        }

        public AudienceIndex build() {
            return new AudienceIndex(this);
        }
    }
}
