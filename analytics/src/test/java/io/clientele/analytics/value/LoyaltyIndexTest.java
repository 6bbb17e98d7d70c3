package io.clientele.analytics.value;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoyaltyIndexTest {
    @Test
    void aMonthlyBuyerOfTheSameAmountIsFullyLoyal() {
        assertThat(LoyaltyIndex.of(new int[] {0, 30, 60, 90}, new double[] {100, 100, 100, 100}, 4, 100))
                .isEqualTo(100);
    }

    @Test
    void unevenIntervalsAndAmountsAndALongSilenceLowerTheIndex() {
        // intervals 10, 30: cv 0.5; amounts 50, 100, 150: cv 0.408; 100 days since, twice the mean interval is 40
        // 100 × 1/1.5 × 1/1.408 × 0.4 = 18.9
        assertThat(LoyaltyIndex.of(new int[] {0, 10, 40}, new double[] {50, 100, 150}, 3, 140))
                .isEqualTo(19);
    }

    @Test
    void receiptsOfOneDayAreOnePurchase() {
        assertThat(LoyaltyIndex.of(new int[] {0, 0, 30, 60}, new double[] {40, 60, 100, 100}, 4, 60))
                .isEqualTo(100);
    }

    @Test
    void fewerThanThreePurchaseDaysShowNoRhythm() {
        assertThat(LoyaltyIndex.of(new int[] {0, 0, 30}, new double[] {1, 2, 3}, 3, 40))
                .isEqualTo(LoyaltyIndex.UNKNOWN);
    }
}
