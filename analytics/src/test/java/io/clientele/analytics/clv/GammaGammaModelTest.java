package io.clientele.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GammaGammaModelTest {

    @Test
    void recoversThePlantedParametersFrom40000SimulatedRepeatBuyers() {
        // the demo data's planted spend model p = 4, q = 3, γ = 125; ±15% each (q and γ are strongly correlated,
        // their errors run together; p is tighter)
        Simulated sim = Simulated.gammaGamma(23, 40_000, 4, 3, 125);
        ModelFit<GammaGammaParameters> fit = GammaGammaModel.fit(sim.frequency, sim.monetary);
        GammaGammaParameters p = fit.parameters();
        assertThat(p.p()).isCloseTo(4, within(4 * 0.15));
        assertThat(p.q()).isCloseTo(3, within(3 * 0.15));
        assertThat(p.gamma()).isCloseTo(125, within(125 * 0.15));
        assertThat(p.populationMeanSpend()).isCloseTo(250, within(250 * 0.05));
    }

    @Test
    void expectedSpendIsAWeightedMeanOfPopulationAndCustomer() {
        GammaGammaParameters p = new GammaGammaParameters(4, 3, 125);
        // population mean pγ/(q−1) = 4·125/2 = 250; one purchase of 100: 4(125 + 100)/(4 + 2) = 150
        assertThat(p.expectedSpend(0, 0)).isEqualTo(250.0);
        assertThat(p.expectedSpend(1, 100)).isCloseTo(150.0, within(1e-12));
        // many purchases: close to the customer's own mean
        assertThat(p.expectedSpend(1000, 100)).isCloseTo(100.0, within(0.2));
    }

    @Test
    void zeroSpendAndTooFewBuyersAreRefused() {
        assertThatThrownBy(() -> GammaGammaModel.fit(new int[] {2, 3, 1}, new double[] {10, 0, 5}))
                .isInstanceOf(ModelFitException.class)
                .hasMessageContaining("customer #1")
                .hasMessageContaining("positive mean spend");
        assertThatThrownBy(() -> GammaGammaModel.fit(new int[] {0, 0, 4}, new double[] {0, 0, 5}))
                .isInstanceOf(ModelFitException.class)
                .hasMessageContaining("at least 2 repeat buyers");
        assertThatThrownBy(() -> GammaGammaModel.fit(new int[] {1, 2, 4}, new double[] {5, 5, 5}))
                .isInstanceOf(ModelFitException.class)
                .hasMessageContaining("same mean spend");
    }
}
