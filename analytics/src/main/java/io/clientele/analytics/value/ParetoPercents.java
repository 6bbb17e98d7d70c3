package io.clientele.analytics.value;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Where each buyer first appears on the Pareto curve: the smallest whole percent {@code x} such that the best
 * {@code x}% of buyers by profit include them. The best {@code x}% are {@code round(buyers × x / 100)} buyers (half
 * up) taken in the order of profit, highest first, ties by position (customer id); so "percent at most x" selects
 * exactly the customers of the curve's point at x.
 */
public final class ParetoPercents {
    private ParetoPercents() {}

    /** Per customer of the scores, the percent; 0 for a customer who never bought (no grade). */
    public static int[] of(ValueScores scores) {
        int[] buyers = IntStream.range(0, scores.customers())
                .filter(c -> scores.grade(c) != null)
                .boxed()
                .sorted(Comparator.comparingLong((Integer c) -> -scores.profitCents(c))
                        .thenComparingInt(c -> c))
                .mapToInt(Integer::intValue)
                .toArray();
        int[] percents = new int[scores.customers()];
        long n = buyers.length;
        for (int i = 0; i < buyers.length; i++) {
            percents[buyers[i]] = percent(i + 1, n);
        }
        return percents;
    }

    /**
     * The smallest x with {@code round(n × x / 100) >= rank}: {@code n x / 100 >= rank − ½}, so
     * {@code x = ceil(50 (2 rank − 1) / n)}.
     */
    static int percent(long rank, long n) {
        return (int) ((50 * (2 * rank - 1) + n - 1) / n);
    }
}
