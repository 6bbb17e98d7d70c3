package io.clientele.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The NPS and mean-rating intervals on examples worked by hand. */
class EstimateTest {
    @Test
    void npsOfFivePromotersTwoPassivesThreeDetractors() {
        // scores 0..10: detractors 2, 5, 6; passives 7, 8; promoters 9, 9, 10, 10, 10
        long[] counts = {0, 0, 1, 0, 0, 1, 1, 1, 1, 2, 3};
        Estimate nps = Estimate.nps(counts);
        assertThat(nps.value()).isCloseTo(20.0, within(1e-9));
        // p = 0.5, d = 0.3: variance (0.8 - 0.04) / 10 = 0.076, half width 1.959964 * 100 * sqrt(0.076)
        assertThat(nps.low()).isCloseTo(20 - 54.0327, within(1e-3));
        assertThat(nps.high()).isCloseTo(20 + 54.0327, within(1e-3));
        assertThat(nps.n()).isEqualTo(10);
    }

    @Test
    void npsIntervalStaysWithinMinusAndPlusHundred() {
        long[] allPromoters = new long[11];
        allPromoters[10] = 3;
        Estimate nps = Estimate.nps(allPromoters);
        assertThat(nps.value()).isEqualTo(100.0);
        assertThat(nps.high()).isEqualTo(100.0);
        long[] mixed = {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        assertThat(Estimate.nps(mixed).low()).isEqualTo(-100.0);
        assertThat(Estimate.nps(mixed).high()).isEqualTo(100.0);
    }

    @Test
    void meanRatingWithTheNormalInterval() {
        // ratings 3, 4, 5, 5 on a 1-5 scale
        Estimate mean = Estimate.mean(new long[] {0, 0, 1, 1, 2}, 1);
        assertThat(mean.value()).isCloseTo(4.25, within(1e-9));
        // s² = 2.75 / 3, standard error sqrt(s² / 4) = 0.478714
        assertThat(mean.low()).isCloseTo(4.25 - 0.938260, within(1e-5));
        assertThat(mean.high()).isCloseTo(4.25 + 0.938260, within(1e-5));
    }

    @Test
    void noAnswersIsEmptyAndOneAnswerHasNoWidth() {
        assertThat(Estimate.mean(new long[5], 1).isEmpty()).isTrue();
        assertThat(Estimate.nps(new long[11]).isEmpty()).isTrue();
        Estimate one = Estimate.mean(new long[] {0, 0, 0, 1, 0}, 1);
        assertThat(one.low()).isEqualTo(4.0);
        assertThat(one.high()).isEqualTo(4.0);
    }
}
