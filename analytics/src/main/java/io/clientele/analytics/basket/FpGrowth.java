package io.clientele.analytics.basket;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * FP-Growth (Han, Pei and Yin, 2000): the transactions are folded into a prefix tree of their frequent items,
 * most frequent first, and each item's itemsets are mined from the tree of the paths that lead to it. Exact: it
 * finds the same itemsets and counts as Apriori or a full enumeration, without generating candidates.
 */
public final class FpGrowth {
    /** More itemsets than this is a threshold too low to be useful, and would exhaust memory; said as an error. */
    public static final int MAX_ITEMSETS = 2_000_000;

    private final long minCount;
    private final int maxLength;
    private final List<int[]> found = new ArrayList<>();
    private long[] counts = new long[1024];

    private FpGrowth(long minCount, int maxLength) {
        this.minCount = minCount;
        this.maxLength = maxLength;
    }

    /**
     * The itemsets of at most {@code maxLength} items held by at least {@code minSupport} of the transactions.
     *
     * @throws BasketException when minSupport is not in (0, 1], maxLength is below 1, there are no transactions,
     *     or the thresholds give more than {@link #MAX_ITEMSETS} itemsets
     */
    public static FrequentItemsets mine(Baskets baskets, double minSupport, int maxLength) {
        if (!(minSupport > 0 && minSupport <= 1)) {
            throw new BasketException("minimum support must be above 0 and at most 1, not " + minSupport);
        }
        if (maxLength < 1) throw new BasketException("maximum length must be 1 or more, not " + maxLength);
        long n = baskets.transactions();
        if (n == 0) throw new BasketException("there are no transactions to mine");
        FpGrowth miner = new FpGrowth(minCount(minSupport, n), maxLength);
        Tree tree = miner.firstTree(baskets);
        miner.grow(tree, new int[0]);
        return new FrequentItemsets(
                miner.found, Arrays.copyOf(miner.counts, miner.found.size()), n, minSupport, maxLength);
    }

    /** The smallest count c with c / n ≥ minSupport: the test arules and mlxtend apply to support. */
    static long minCount(double minSupport, long n) {
        long c = Math.max(1, (long) Math.ceil(minSupport * n));
        while (c > 1 && (double) (c - 1) / n >= minSupport) c--;
        while ((double) c / n < minSupport) c++;
        return c;
    }

    private Tree firstTree(Baskets baskets) {
        long[] support = new long[baskets.itemCount()];
        for (int b = 0; b < baskets.distinctBaskets(); b++) {
            for (int item : baskets.basket(b)) support[item] += baskets.weight(b);
        }
        int[] order = frequentByCount(support, baskets.itemCount());
        if (order.length == 0) return Tree.empty();
        int[] local = new int[baskets.itemCount()];
        Arrays.fill(local, -1);
        for (int i = 0; i < order.length; i++) local[order[i]] = i;
        Tree tree = new Tree(order, 1024);
        int[] path = new int[order.length];
        for (int b = 0; b < baskets.distinctBaskets(); b++) {
            int length = 0;
            for (int item : baskets.basket(b)) if (local[item] >= 0) path[length++] = local[item];
            Arrays.sort(path, 0, length);
            tree.insert(path, length, baskets.weight(b));
        }
        return tree;
    }

    /** The codes whose count reaches the minimum, most frequent first (ties by code, so runs are reproducible). */
    private int[] frequentByCount(long[] support, int size) {
        Integer[] kept = new Integer[size];
        int n = 0;
        for (int i = 0; i < size; i++) if (support[i] >= minCount) kept[n++] = i;
        Integer[] sorted = Arrays.copyOf(kept, n);
        Arrays.sort(sorted, (a, b) -> support[a] != support[b] ? Long.compare(support[b], support[a]) : a - b);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = sorted[i];
        return out;
    }

    private void grow(Tree tree, int[] suffix) {
        int[] prefix = new int[tree.items.length];
        for (int j = tree.items.length - 1; j >= 0; j--) {
            int[] itemset = Arrays.copyOf(suffix, suffix.length + 1);
            itemset[suffix.length] = tree.items[j];
            emit(itemset, tree.itemCount[j]);
            if (itemset.length >= maxLength || j == 0) continue;
            // the conditional pattern base: the path above each node of item j, weighted by the node's count
            long[] support = new long[j];
            for (int node = tree.head[j]; node != 0; node = tree.next[node]) {
                long w = tree.count[node];
                for (int p = tree.parent[node]; p != 0; p = tree.parent[p]) support[tree.item[p]] += w;
            }
            int[] order = frequentByCount(support, j);
            if (order.length == 0) continue;
            int[] local = new int[j];
            Arrays.fill(local, -1);
            int[] items = new int[order.length];
            for (int i = 0; i < order.length; i++) {
                local[order[i]] = i;
                items[i] = tree.items[order[i]];
            }
            Tree conditional = new Tree(items, 64);
            for (int node = tree.head[j]; node != 0; node = tree.next[node]) {
                int length = 0;
                for (int p = tree.parent[node]; p != 0; p = tree.parent[p]) {
                    if (local[tree.item[p]] >= 0) prefix[length++] = local[tree.item[p]];
                }
                if (length == 0) continue;
                Arrays.sort(prefix, 0, length);
                conditional.insert(prefix, length, tree.count[node]);
            }
            grow(conditional, itemset);
        }
    }

    private void emit(int[] itemset, long count) {
        if (found.size() == MAX_ITEMSETS) {
            throw new BasketException("the thresholds give more than " + MAX_ITEMSETS
                    + " frequent itemsets: raise the minimum support or lower the maximum length");
        }
        int[] sorted = itemset.clone();
        Arrays.sort(sorted);
        if (found.size() == counts.length) counts = Arrays.copyOf(counts, counts.length * 2);
        counts[found.size()] = count;
        found.add(sorted);
    }

    /**
     * A prefix tree over local item indexes ({@code 0} the most frequent); node 0 is the root. Each node links to
     * the next node of the same item, so an item's paths are found from its head without a search.
     */
    private static final class Tree {
        final int[] items; // local index → item code
        final long[] itemCount;
        final int[] head;
        int[] item;
        long[] count;
        int[] parent;
        int[] next;
        int size = 1;
        private final Children children;

        Tree(int[] items, int capacity) {
            this.items = items;
            this.itemCount = new long[items.length];
            this.head = new int[items.length];
            this.item = new int[capacity];
            this.count = new long[capacity];
            this.parent = new int[capacity];
            this.next = new int[capacity];
            this.children = new Children(capacity);
        }

        static Tree empty() {
            return new Tree(new int[0], 1);
        }

        void insert(int[] path, int length, long weight) {
            int node = 0;
            for (int i = 0; i < length; i++) {
                int local = path[i];
                int child = children.get(node, local);
                if (child == 0) {
                    child = add(node, local);
                    children.put(node, local, child);
                }
                count[child] += weight;
                itemCount[local] += weight;
                node = child;
            }
        }

        private int add(int parentNode, int local) {
            if (size == item.length) {
                int grown = item.length * 2;
                item = Arrays.copyOf(item, grown);
                count = Arrays.copyOf(count, grown);
                parent = Arrays.copyOf(parent, grown);
                next = Arrays.copyOf(next, grown);
            }
            int node = size++;
            item[node] = local;
            parent[node] = parentNode;
            next[node] = head[local];
            head[local] = node;
            return node;
        }
    }

    /** (parent node, local item) → child node, open addressing; 0 means absent (the root is nobody's child). */
    private static final class Children {
        private long[] keys;
        private int[] values;
        private int used;

        Children(int capacity) {
            int size = Integer.highestOneBit(Math.max(16, capacity * 2 - 1)) << 1;
            keys = new long[size];
            values = new int[size];
        }

        int get(int node, int local) {
            long key = key(node, local);
            int mask = keys.length - 1;
            for (int i = slot(key, mask); ; i = (i + 1) & mask) {
                if (values[i] == 0) return 0;
                if (keys[i] == key) return values[i];
            }
        }

        void put(int node, int local, int child) {
            if ((used + 1) * 2 > keys.length) grow();
            insert(key(node, local), child);
            used++;
        }

        private void insert(long key, int value) {
            int mask = keys.length - 1;
            int i = slot(key, mask);
            while (values[i] != 0) i = (i + 1) & mask;
            keys[i] = key;
            values[i] = value;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new int[oldValues.length * 2];
            for (int i = 0; i < oldKeys.length; i++) if (oldValues[i] != 0) insert(oldKeys[i], oldValues[i]);
        }

        private static long key(int node, int local) {
            return ((long) node << 32) | local;
        }

        private static int slot(long key, int mask) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32)) & mask;
        }
    }
}
