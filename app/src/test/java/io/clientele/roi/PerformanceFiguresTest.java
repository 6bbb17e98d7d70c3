package io.clientele.roi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerformanceFiguresTest {
    private static Performance.Figures figures(Long won, String revenue) {
        return new Performance.Figures(
                1,
                "c",
                "WIN_BACK",
                "COMPLETED",
                null,
                null,
                false,
                10,
                8,
                4,
                5L,
                4L,
                won,
                new BigDecimal(revenue),
                null,
                new BigDecimal("300.00"),
                new BigDecimal("100.00"),
                null,
                List.of(),
                List.of());
    }

    /** Three wins or one: the cost is 300 + 100 = 400 once; ROI (1000 − 400) / 400 = 1.5; 400 / 4 responses = 100. */
    @Test
    void aCampaignsCostCountsOnceHoweverManyWins() {
        for (long won : new long[] {1, 3}) {
            Performance.Figures f = figures(won, "1000.00");
            assertThat(f.totalCost()).isEqualByComparingTo("400.00");
            assertThat(f.roi()).isEqualByComparingTo("1.5");
            assertThat(f.costPerResponse()).isEqualByComparingTo("100.00");
            assertThat(f.incrementalRoi()).isNull();
        }
    }

    /** 100.00 by 1 : 1 : 1 → 33.33 each and the cent left over to the lowest id: 33.34, 33.33, 33.33. */
    @Test
    void aSplitAddsUpToTheCent() {
        Map<Long, BigDecimal> split = PeriodCosts.split(
                new BigDecimal("100.00"),
                new java.util.TreeMap<>(Map.of(3L, BigDecimal.ONE, 1L, BigDecimal.ONE, 2L, BigDecimal.ONE)));
        assertThat(split)
                .containsEntry(1L, new BigDecimal("33.34"))
                .containsEntry(2L, new BigDecimal("33.33"))
                .containsEntry(3L, new BigDecimal("33.33"));
    }
}
