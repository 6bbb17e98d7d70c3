package io.clientele.analytics.value;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParetoPercentsTest {
    /** The drill-down of the curve's point at x lists round(n x / 100) buyers: the percent is the first x that does. */
    @Test
    void everyRankGetsTheFirstPercentWhosePointCountsIt() {
        for (long n = 1; n <= 400; n++) {
            for (long rank = 1; rank <= n; rank++) {
                int expected = 1;
                while (Math.round(n * expected / 100.0) < rank) {
                    expected++;
                }
                assertThat(ParetoPercents.percent(rank, n))
                        .as("rank %d of %d", rank, n)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void examples() {
        // one buyer: the best 50% rounds up to them, the best 49% to nobody
        assertThat(ParetoPercents.percent(1, 1)).isEqualTo(50);
        // ten buyers: the best of them from 5% (0.5 rounds up), the tenth only at 95%
        assertThat(ParetoPercents.percent(1, 10)).isEqualTo(5);
        assertThat(ParetoPercents.percent(10, 10)).isEqualTo(95);
        assertThat(ParetoPercents.percent(1000, 1000)).isEqualTo(100);
    }
}
