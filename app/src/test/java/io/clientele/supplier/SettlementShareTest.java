package io.clientele.supplier;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cost-sharing rule and the bonus's points, as example tables. */
class SettlementShareTest {
    @ParameterizedTest(name = "{0} at {1} % capped at {2}: the supplier pays {3}")
    @CsvSource(
            nullValues = "none",
            value = {
                // cost, percent, cap, supplier's share
                "3.11, 40, 30.00, 1.24", // rounded half up to the cent: 1.244
                "3.15, 50, none, 1.58", // 1.575 rounds up
                "1000.00, 50, 300.00, 300.00", // the cap a month
                "1000.00, 100, none, 1000.00",
                "1000.00, 0, none, 0.00",
                "-20.00, 50, 5.00, -10.00", // a month of more returns than sales gives back; the cap bounds payments
            })
    void theSupplierPaysItsPercentRoundedAtMostTheCap(String cost, String percent, String cap, String share) {
        assertThat(Settlements.share(
                        new BigDecimal(cost), new BigDecimal(percent), cap == null ? null : new BigDecimal(cap)))
                .isEqualByComparingTo(share);
    }

    @ParameterizedTest(name = "{0} spent at {1} a unit with ×{2}: {3} bonus points")
    @CsvSource({
        // amount of the brands' paid lines, points per unit, multiplier, bonus points
        "155.55, 1, 2, 155", // double points: one extra point a unit, whole points toward zero
        "155.55, 1, 3, 311", // triple: 2 × 155.55 = 311.10
        "99.99, 1, 1.5, 49", // 49.995 toward zero
        "-100.00, 1, 2, -100", // returns take theirs back
        "10.00, 2, 1.25, 5",
    })
    void theBonusIsThePointsAboveTheBaseRateInWholePoints(
            String amount, String pointsPerUnit, String multiplier, String points) {
        assertThat(Settlements.bonusPoints(
                        new BigDecimal(amount), new BigDecimal(pointsPerUnit), new BigDecimal(multiplier)))
                .isEqualTo(new BigDecimal(points).longValue());
    }
}
