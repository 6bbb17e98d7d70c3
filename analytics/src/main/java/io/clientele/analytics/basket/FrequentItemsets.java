package io.clientele.analytics.basket;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The itemsets that reach the minimum support, each with its count of transactions. Every subset of a frequent
 * itemset is frequent too, so the rule generator finds each antecedent's and consequent's count here.
 */
public final class FrequentItemsets {
    private final List<int[]> itemsets;
    private final long[] counts;
    private final Map<Baskets.Key, Long> index;
    private final long transactions;
    private final double minSupport;
    private final int maxLength;

    FrequentItemsets(List<int[]> itemsets, long[] counts, long transactions, double minSupport, int maxLength) {
        this.itemsets = itemsets;
        this.counts = counts;
        this.transactions = transactions;
        this.minSupport = minSupport;
        this.maxLength = maxLength;
        this.index = HashMap.newHashMap(itemsets.size());
        for (int i = 0; i < itemsets.size(); i++) index.put(new Baskets.Key(itemsets.get(i)), counts[i]);
    }

    public int size() {
        return itemsets.size();
    }

    /** The i-th itemset's item codes, ascending (a copy). */
    public int[] items(int i) {
        return itemsets.get(i).clone();
    }

    int[] itemsShared(int i) {
        return itemsets.get(i);
    }

    /** How many transactions hold every item of the i-th itemset. */
    public long count(int i) {
        return counts[i];
    }

    public double support(int i) {
        return (double) counts[i] / transactions;
    }

    /** The count of an itemset given as ascending item codes, or 0 when it is not frequent. */
    public long countOf(int... ascendingItems) {
        return index.getOrDefault(new Baskets.Key(ascendingItems), 0L);
    }

    public long transactions() {
        return transactions;
    }

    public double minSupport() {
        return minSupport;
    }

    public int maxLength() {
        return maxLength;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("FrequentItemsets[");
        for (int i = 0; i < Math.min(size(), 10); i++) {
            s.append(Arrays.toString(itemsets.get(i)))
                    .append('=')
                    .append(counts[i])
                    .append(' ');
        }
        return s.append(size() > 10 ? "…]" : "]").toString();
    }
}
