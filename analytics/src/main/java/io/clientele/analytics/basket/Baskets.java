package io.clientele.analytics.basket;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The transactions to mine: each a set of item codes {@code 0 … itemCount-1}. Identical baskets are kept once with
 * their count (at category level millions of receipts collapse to a few thousand distinct baskets), and an empty
 * basket still counts in the denominator of support, as in arules and mlxtend.
 */
public final class Baskets {
    private final int itemCount;
    private final int[][] distinct;
    private final long[] weights;
    private final long transactions;

    private Baskets(int itemCount, int[][] distinct, long[] weights, long transactions) {
        this.itemCount = itemCount;
        this.distinct = distinct;
        this.weights = weights;
        this.transactions = transactions;
    }

    public static Builder builder(int itemCount) {
        if (itemCount < 0) throw new BasketException("itemCount must be 0 or more, not " + itemCount);
        return new Builder(itemCount);
    }

    public int itemCount() {
        return itemCount;
    }

    /** How many transactions, empty ones included. */
    public long transactions() {
        return transactions;
    }

    /** How many distinct non-empty baskets. */
    public int distinctBaskets() {
        return distinct.length;
    }

    /** The i-th distinct basket's items, ascending; not to be changed. */
    int[] basket(int i) {
        return distinct[i];
    }

    long weight(int i) {
        return weights[i];
    }

    /** Collects baskets; not thread-safe. */
    public static final class Builder {
        private final int itemCount;
        private final Map<Key, long[]> counts = new HashMap<>();
        private long transactions;

        private Builder(int itemCount) {
            this.itemCount = itemCount;
        }

        /** Adds one transaction; repeated items count once, order does not matter. */
        public Builder add(int... items) {
            return add(items, 1);
        }

        /** Adds {@code times} identical transactions. */
        public Builder add(int[] items, long times) {
            if (times < 1) throw new BasketException("a basket is added 1 or more times, not " + times);
            int[] sorted = items.clone();
            Arrays.sort(sorted);
            int n = 0;
            for (int i = 0; i < sorted.length; i++) {
                int item = sorted[i];
                if (item < 0 || item >= itemCount) {
                    throw new BasketException("item " + item + " is outside 0.." + (itemCount - 1));
                }
                if (n == 0 || sorted[n - 1] != item) sorted[n++] = item;
            }
            transactions += times;
            if (n > 0) counts.computeIfAbsent(new Key(Arrays.copyOf(sorted, n)), k -> new long[1])[0] += times;
            return this;
        }

        public Baskets build() {
            int[][] distinct = new int[counts.size()][];
            long[] weights = new long[counts.size()];
            int i = 0;
            for (Map.Entry<Key, long[]> e : counts.entrySet()) {
                distinct[i] = e.getKey().items();
                weights[i++] = e.getValue()[0];
            }
            return new Baskets(itemCount, distinct, weights, transactions);
        }
    }

    /** An item array compared by content. */
    record Key(int[] items) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(items, k.items);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(items);
        }

        @Override
        public String toString() {
            return Arrays.toString(items);
        }
    }
}
