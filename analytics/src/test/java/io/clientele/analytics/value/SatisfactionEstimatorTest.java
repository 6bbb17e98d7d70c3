package io.clientele.analytics.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SatisfactionEstimatorTest {
    private final SatisfactionEstimator estimator = SatisfactionEstimator.DEFAULT;
    private final SatisfactionRule rule = SatisfactionRule.DEFAULT;

    @Test
    void peersOfTheSameGroupRepeatAgainstTheGroupAndSignals() {
        // group 0: five raters (ratios 1.2, 1.1, 1.0, 1.3, 0.9, mean 1.1, 2 purchases each) and two unrated,
        // one buying 4 times (group mean (10 + 4 + 1) / 7 = 15/7), one once with a complaint
        double nan = Double.NaN;
        double[] ratio = {1.2, 1.1, 1.0, 1.3, 0.9, nan, nan, nan, nan};
        int[] group = {0, 0, 0, 0, 0, 0, 0, 1, -1};
        int[] purchases = {2, 2, 2, 2, 2, 4, 1, 3, 0};
        double[] signals = {1, 1, 1, 1, 1, 1, rule.signals(1, 1, 0), 1, 1};

        double[] estimate = estimator.estimate(ratio, group, 2, purchases, signals);

        assertThat(Arrays.stream(estimate, 0, 5).allMatch(Double::isNaN)).isTrue();
        // 1.1 × (1 + 0.1 × log2(4 / (15/7)))
        assertThat(estimate[5]).isCloseTo(1.1 * (1 + 0.1 * log2(4 / (15.0 / 7))), within(1e-9));
        // 1 / (15/7) = 7/15 is bounded to ½: 1.1 × (1 − 0.1) × (1 − 0.5 × 1 complaint per purchase)
        assertThat(estimate[6]).isCloseTo(1.1 * 0.9 * 0.5, within(1e-9));
        // group 1 has no raters: the mean of all raters, 1.1; alone in its group, repeat 1
        assertThat(estimate[7]).isCloseTo(1.1, within(1e-9));
        assertThat(estimate[8]).isNaN();
    }

    @Test
    void noRatersAnywhereMeansExpectationsMet() {
        double[] estimate =
                estimator.estimate(new double[] {Double.NaN}, new int[] {0}, 1, new int[] {3}, new double[] {1});
        assertThat(estimate[0]).isEqualTo(1.0);
    }

    /**
     * Planted: in one segment, rated customers around expectations; unrated happy customers who buy often and never
     * return or complain, and unrated unhappy ones who return much of what they buy and complain. Every unhappy one
     * ranks below every happy one, and the levels say so.
     */
    @Test
    void plantedUnhappyCustomersRankBelowHappyOnes() {
        Random random = new Random(18);
        int raters = 50;
        int happy = 40;
        int unhappy = 40;
        int n = raters + happy + unhappy;
        double[] ratio = new double[n];
        int[] group = new int[n];
        int[] purchases = new int[n];
        double[] signals = new double[n];
        Arrays.fill(ratio, Double.NaN);
        for (int c = 0; c < n; c++) {
            group[c] = random.nextInt(3);
            if (c < raters) {
                ratio[c] = 0.9 + 0.2 * random.nextDouble();
                purchases[c] = 1 + random.nextInt(6);
                signals[c] = rule.signals(random.nextInt(2), purchases[c], 0.05 * random.nextDouble());
            } else if (c < raters + happy) {
                purchases[c] = 3 + random.nextInt(6);
                signals[c] = rule.signals(0, purchases[c], 0);
            } else {
                purchases[c] = 1 + random.nextInt(3);
                int complaints = 1 + random.nextInt(3);
                signals[c] = rule.signals(complaints, purchases[c], 0.3 + 0.5 * random.nextDouble());
            }
        }

        double[] estimate = estimator.estimate(ratio, group, 3, purchases, signals);

        double worstHappy =
                Arrays.stream(estimate, raters, raters + happy).min().orElseThrow();
        double bestUnhappy = Arrays.stream(estimate, raters + happy, n).max().orElseThrow();
        assertThat(bestUnhappy).isLessThan(worstHappy);
        assertThat(Arrays.stream(estimate, raters + happy, n).mapToObj(rule::level))
                .containsOnly(SatisfactionLevel.LOW);
        assertThat(Arrays.stream(estimate, raters, raters + happy).mapToObj(rule::level))
                .doesNotContain(SatisfactionLevel.LOW);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
