package io.clientele.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClvCalculatorTest {
    private final GammaGammaParameters spend = new GammaGammaParameters(4, 3, 125);

    @Test
    void withoutDiscountingValueIsMarginTimesSpendTimesExpectedPurchases() {
        ParetoNbdParameters model = new ParetoNbdParameters(0.9, 60, 0.8, 500);
        ClvCalculator clv = new ClvCalculator(model, spend, ClvSettings.of(Period.DAY, 0.3, 0, 12));
        double months12 = 12 * Period.DAY.perMonth();
        double expected = 0.3 * spend.expectedSpend(3, 200) * model.expectedPurchases(3, 150, 300, months12);
        assertThat(clv.lifetimeValue(3, 150, 300, 200)).isCloseTo(expected, within(1e-9 * expected));
    }

    @Test
    void discountingOneMonthAtATime() {
        // a 1-month horizon: the month's purchases discounted once by (1 + d)
        BgNbdParameters model = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);
        ClvCalculator clv = new ClvCalculator(model, spend, ClvSettings.of(Period.WEEK, 1.0, 0.01, 1));
        double expected =
                spend.expectedSpend(2, 50) * model.expectedPurchases(2, 30.43, 38.86, Period.WEEK.perMonth()) / 1.01;
        assertThat(clv.lifetimeValue(2, 30.43, 38.86, 50)).isCloseTo(expected, within(1e-9 * expected));
        // a higher discount rate never raises value
        ClvCalculator steep = new ClvCalculator(model, spend, ClvSettings.of(Period.WEEK, 1.0, 0.05, 24));
        ClvCalculator flat = new ClvCalculator(model, spend, ClvSettings.of(Period.WEEK, 1.0, 0.0, 24));
        assertThat(steep.lifetimeValue(2, 30.43, 38.86, 50)).isLessThan(flat.lifetimeValue(2, 30.43, 38.86, 50));
    }

    @Test
    void scoringArraysMatchesOneByOne() {
        Simulated sim = Simulated.bgNbd(2, 3_000, 0.5, 20, 0.7, 2.5, 30, 400);
        for (int i = 0; i < sim.age.length; i++) {
            sim.age[i] = Math.ceil(sim.age[i]);
            sim.recency[i] = Math.min(Math.ceil(sim.recency[i]), sim.age[i]);
            sim.monetary[i] = sim.frequency[i] == 0 ? 0 : 20 + i % 50;
        }
        RepeatPurchaseData data = sim.grouped();
        BgNbdParameters model = BgNbdModel.fit(data).parameters();
        ClvCalculator clv = new ClvCalculator(model, spend, ClvSettings.of(Period.DAY, 0.25, 0.01, 12));
        ClvCalculator.Scores scores = clv.score(data, sim.monetary, 90, 365);
        for (int i = 0; i < 3_000; i += 97) {
            int x = sim.frequency[i];
            assertThat(scores.probabilityAlive()[i]).isEqualTo(model.probabilityAlive(x, sim.recency[i], sim.age[i]));
            assertThat(scores.expectedPurchases()[1][i])
                    .isEqualTo(model.expectedPurchases(x, sim.recency[i], sim.age[i], 365));
            assertThat(scores.lifetimeValue()[i])
                    .isCloseTo(clv.lifetimeValue(x, sim.recency[i], sim.age[i], sim.monetary[i]), within(1e-9));
        }
    }
}
