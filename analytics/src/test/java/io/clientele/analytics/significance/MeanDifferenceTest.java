package io.clientele.analytics.significance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MeanDifferenceTest {
    /**
     * Treated spent 10, 20, 30 (mean 20, s² = 100), control 5, 15 (mean 10, s² = 50): difference 10, SE = √(100/3 +
     * 50/2) = √58.333… = 7.6376, interval 10 ± 1.96 · 7.6376 = [−4.970, 24.970].
     */
    @Test
    void theWelchIntervalOfAWorkedExample() {
        MeanDifference d = new MeanDifference(3, 20, 100, 2, 10, 50);
        assertThat(d.difference()).isEqualTo(10);
        assertThat(d.standardError()).isCloseTo(Math.sqrt(100.0 / 3 + 25), within(1e-12));
        assertThat(d.lower95()).isCloseTo(-4.9696, within(1e-3));
        assertThat(d.upper95()).isCloseTo(24.9696, within(1e-3));
    }

    @Test
    void aGroupOfOneGivesNoInterval() {
        MeanDifference d = new MeanDifference(1, 20, 0, 5, 10, 4);
        assertThat(d.estimable()).isFalse();
        assertThat(d.difference()).isEqualTo(10);
        assertThatThrownBy(d::standardError).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void equalGroupsWithoutSpreadHaveANullInterval() {
        MeanDifference d = new MeanDifference(10, 7, 0, 10, 7, 0);
        assertThat(d.lower95()).isZero();
        assertThat(d.upper95()).isZero();
    }
}
