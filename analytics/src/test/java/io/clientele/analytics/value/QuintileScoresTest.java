package io.clientele.analytics.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuintileScoresTest {
    private static final boolean[] ALL_TEN = all(10);

    @Test
    void tiedFrequenciesShareTheScoreOfTheirFirstRank() {
        double[] purchases = {1, 1, 1, 1, 1, 1, 2, 2, 3, 5};

        assertThat(QuintileScores.of(purchases, ALL_TEN, true)).containsExactly(1, 1, 1, 1, 1, 1, 4, 4, 5, 5);
    }

    @Test
    void fewerDaysSinceTheLastPurchaseScoreHigher() {
        double[] days = {5, 10, 10, 30, 60, 90, 120, 200, 365, 400};

        assertThat(QuintileScores.of(days, ALL_TEN, false)).containsExactly(5, 4, 4, 4, 3, 3, 2, 2, 1, 1);
    }

    @Test
    void customersLeftOutGetNoScoreAndDoNotCount() {
        double[] values = {10, 999, 20, 30, 40, 50};
        boolean[] scored = {true, false, true, true, true, true};

        assertThat(QuintileScores.of(values, scored, true)).containsExactly(1, 0, 2, 3, 4, 5);
    }

    @Test
    void distinctValuesFillFiveEqualQuintiles() {
        Random random = new Random(7);
        double[] values = random.doubles(10_000).toArray();

        byte[] scores = QuintileScores.of(values, all(values.length), true);

        int[] perScore = new int[6];
        for (byte score : scores) {
            perScore[score]++;
        }
        assertThat(Arrays.copyOfRange(perScore, 1, 6)).containsOnly(2_000);
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < 50; j++) {
                if (values[j] > values[i]) {
                    assertThat(scores[j]).isGreaterThanOrEqualTo(scores[i]);
                }
            }
        }
    }

    private static boolean[] all(int n) {
        boolean[] all = new boolean[n];
        Arrays.fill(all, true);
        return all;
    }
}
