package io.clientele.analytics.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.clientele.analytics.pricing.ElasticityEstimate.Estimated;
import io.clientele.analytics.pricing.ElasticityEstimate.NotEnoughVariation;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PriceElasticityTest {
    private static final double[] LEVELS = {8.0, 8.5, 9.0, 9.5, 10.0, 11.0, 12.0};

    /** 104 weeks of demand 4,000 · p^b with log-normal noise (σ = 0.15), the price moving among seven levels. */
    private static Estimated planted(double b, long seed) {
        Random random = new Random(seed);
        double[] prices = new double[104];
        double[] units = new double[104];
        for (int w = 0; w < prices.length; w++) {
            prices[w] = LEVELS[random.nextInt(LEVELS.length)];
            units[w] = 4_000 * Math.pow(prices[w], b) * Math.exp(0.15 * random.nextGaussian());
        }
        return (Estimated) PriceElasticity.estimate(prices, units, 0.95);
    }

    @Test
    void recoversAPlantedElasticityWithinItsInterval() {
        Estimated e = planted(-2.3, 7);
        assertThat(e.lower()).isLessThan(-2.3);
        assertThat(e.upper()).isGreaterThan(-2.3);
        assertThat(e.elasticity()).isCloseTo(-2.3, within(0.3));
        assertThat(e.observations()).isEqualTo(104);
        assertThat(e.distinctPrices()).isEqualTo(7);
        assertThat(e.rSquared()).isGreaterThan(0.5);
        // expected units at a price near the truth: the smearing factor corrects the log-scale bias
        assertThat(e.at(10, 6).units()).isCloseTo(4_000 * Math.pow(10, -2.3), within(0.1 * 4_000 * Math.pow(10, -2.3)));
    }

    @Test
    void theNinetyFivePercentIntervalHoldsTheTruthAboutNinetyFivePercentOfTheTime() {
        int covered = 0;
        int runs = 400;
        for (int seed = 0; seed < runs; seed++) {
            Estimated e = planted(-1.6, seed);
            if (e.lower() <= -1.6 && -1.6 <= e.upper()) covered++;
        }
        assertThat((double) covered / runs).isBetween(0.92, 0.98);
    }

    @Test
    void theSuggestedPriceMaximisesTheProfitCurve() {
        Estimated e = planted(-2.3, 11);
        double cost = 6;
        PricePoint best = e.bestPrice(cost, 7, 15);
        // inside the range the optimum is c·b/(1+b)
        assertThat(best.price()).isCloseTo(cost * e.elasticity() / (1 + e.elasticity()), within(1e-9));
        for (double p = 7; p <= 15; p += 0.01) {
            assertThat(e.at(p, cost).profit()).isLessThanOrEqualTo(best.profit() + 1e-9);
        }
        assertThat(best.revenue()).isCloseTo(best.price() * best.units(), within(1e-9));
        assertThat(best.profit()).isCloseTo((best.price() - cost) * best.units(), within(1e-9));
        // a range above the optimum: its lower end; inelastic demand: the range's top
        assertThat(e.bestPrice(cost, 12, 15).price()).isEqualTo(12);
        assertThat(planted(-0.6, 3).bestPrice(cost, 7, 15).price()).isEqualTo(15);
    }

    @Test
    void saysWhenThePriceHardlyMoved() {
        double[] units = {10, 12, 9, 11, 10, 13, 8, 12};
        assertThat(PriceElasticity.estimate(new double[] {10, 10, 10, 10, 10, 10, 10, 10}, units, 0.95))
                .isInstanceOfSatisfying(NotEnoughVariation.class, n -> {
                    assertThat(n.reason()).contains("1 distinct price");
                    assertThat(n.distinctPrices()).isEqualTo(1);
                });
        assertThat(PriceElasticity.estimate(new double[] {10, 10.1, 10.2, 10, 10.1, 10.2, 10, 10}, units, 0.95))
                .isInstanceOfSatisfying(
                        NotEnoughVariation.class, n -> assertThat(n.reason()).contains("prices span 2.0%"));
        assertThat(PriceElasticity.estimate(new double[] {8, 9, 10, 11}, new double[] {4, 3, 2, 1}, 0.95))
                .isInstanceOfSatisfying(
                        NotEnoughVariation.class, n -> assertThat(n.reason()).contains("4 periods with sales"));
        // periods without sales have no logarithm: left out, not an error
        assertThat(PriceElasticity.estimate(
                        new double[] {8, 9, 10, 11, 12, 8, 9}, new double[] {9, 7, 0, 5, 4, 0, 0}, 0.95))
                .isInstanceOf(NotEnoughVariation.class)
                .extracting(ElasticityEstimate::observations)
                .isEqualTo(4);
    }

    @Test
    void rejectsQuestionsThatCannotBeAnswered() {
        Estimated e = planted(-2, 1);
        assertThatThrownBy(() -> e.bestPrice(6, 12, 10)).isInstanceOf(PricingException.class);
        assertThatThrownBy(() -> e.bestPrice(-1, 8, 10)).hasMessageContaining("unit cost");
        assertThatThrownBy(() -> e.at(0, 6)).hasMessageContaining("price");
        assertThatThrownBy(() -> PriceElasticity.estimate(new double[2], new double[3], 0.95))
                .hasMessageContaining("2 prices and 3");
        assertThatThrownBy(() -> PriceElasticity.estimate(new double[2], new double[2], 1.0))
                .hasMessageContaining("confidence level");
    }
}
