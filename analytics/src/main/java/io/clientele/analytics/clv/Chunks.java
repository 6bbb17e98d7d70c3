package io.clientele.analytics.clv;

import java.util.stream.IntStream;

/** Sums per-group terms over all cores: each chunk fills its own array, the arrays are added in order. */
final class Chunks {
    private static final int CHUNK = 16_384;

    interface Body {
        void accumulate(int from, int to, double[] sums);
    }

    private Chunks() {}

    static double[] sum(int size, int width, Body body) {
        int chunks = (size + CHUNK - 1) / CHUNK;
        if (chunks <= 1) {
            double[] sums = new double[width];
            body.accumulate(0, size, sums);
            return sums;
        }
        double[][] partial = new double[chunks][width];
        IntStream.range(0, chunks)
                .parallel()
                .forEach(c -> body.accumulate(c * CHUNK, Math.min(size, (c + 1) * CHUNK), partial[c]));
        double[] sums = new double[width];
        for (double[] p : partial) for (int k = 0; k < width; k++) sums[k] += p[k];
        return sums;
    }

    /** Runs {@code body} for every index, over all cores when there are many. */
    static void forEach(int size, java.util.function.IntConsumer body) {
        IntStream range = IntStream.range(0, size);
        (size > CHUNK ? range.parallel() : range).forEach(body);
    }
}
