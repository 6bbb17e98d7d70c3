package io.clientele.analytics.clv;

import java.util.Arrays;

/** Numbers distinct long keys 0, 1, 2, … in order of first sight: an open-addressing table without boxing. */
final class LongIndex {
    private long[] keys;
    private int[] values;
    private int size;
    private int mask;

    LongIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, -1);
        mask = capacity - 1;
    }

    /** The key's number, a new one if it was not seen before. */
    int indexOf(long key) {
        int slot = mix(key) & mask;
        while (values[slot] >= 0) {
            if (keys[slot] == key) return values[slot];
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = size;
        if (++size * 2 > keys.length) grow();
        return size - 1;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(values, -1);
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] < 0) continue;
            int slot = mix(oldKeys[i]) & mask;
            while (values[slot] >= 0) slot = (slot + 1) & mask;
            keys[slot] = oldKeys[i];
            values[slot] = oldValues[i];
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
