package io.clientele.analytics.significance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TwoProportionsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // case,                                   sA, nA,  sB, nB,  p (two-sided), winner at 5 %
        "'B clicks twice as often, 200 each',       20, 200, 40, 200, 0.00510,      B",
        "'A ahead, 1000 each',                     120, 1000, 80, 1000, 0.00287,     A",
        "'a small difference on few customers',     3, 30,   5, 30,   0.44752,      NONE",
        "'the same rate',                          10, 100, 10, 100, 1.0,           NONE",
        "'nobody clicked',                          0, 100,  0, 100, 1.0,           NONE",
        "'no trials in one group',                  0, 0,    5, 10,  1.0,           NONE"
    })
    void pValueAndWinner(String name, long sA, long nA, long sB, long nB, double p, TwoProportions.Winner winner) {
        TwoProportions test = new TwoProportions(sA, nA, sB, nB);
        assertThat(test.pValue()).isCloseTo(p, within(0.0001));
        assertThat(test.winner(0.05)).isEqualTo(winner);
    }

    @Test
    void theDifferencesIntervalUsesEachGroupsOwnVariance() {
        // B 40/200 = 0.2, A 20/200 = 0.1: se = sqrt(0.1 · 0.9 / 200 + 0.2 · 0.8 / 200) = 0.035355; 0.1 ± 1.96 se
        TwoProportions test = new TwoProportions(20, 200, 40, 200);
        assertThat(test.difference()).isCloseTo(0.1, within(1e-12));
        assertThat(test.lower95()).isCloseTo(0.030705, within(1e-5));
        assertThat(test.upper95()).isCloseTo(0.169295, within(1e-5));
        // the pooled test statistic keeps its sign: A ahead gives a negative z
        assertThat(new TwoProportions(120, 1000, 80, 1000).z()).isNegative();
    }
}
