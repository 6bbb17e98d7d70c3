package io.clientele.analytics.audience;

/** Arrays laid end to end several times, block k shifted by k × a step: what {@code repeat} of each column needs. */
final class Repeat {
    private Repeat() {}

    static int[] ints(int[] values, int times, int step) {
        int[] out = new int[Math.multiplyExact(values.length, times)];
        for (int k = 0; k < times; k++) {
            int shift = Math.multiplyExact(k, step);
            for (int i = 0; i < values.length; i++) {
                out[k * values.length + i] = values[i] + shift;
            }
        }
        return out;
    }

    static long[] longs(long[] values, int times, long step) {
        long[] out = new long[Math.multiplyExact(values.length, times)];
        for (int k = 0; k < times; k++) {
            long shift = Math.multiplyExact(k, step);
            for (int i = 0; i < values.length; i++) {
                out[k * values.length + i] = values[i] + shift;
            }
        }
        return out;
    }
}
