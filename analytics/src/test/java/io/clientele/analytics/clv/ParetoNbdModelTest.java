package io.clientele.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ParetoNbdModelTest {

    @Test
    void recoversThePlantedParametersFrom30000SimulatedCustomers() {
        // the demo data's planted values (per day), T uniform over 60..730 days; asserted within ±15% each
        Simulated sim = Simulated.paretoNbd(17, 30_000, 0.9, 60, 0.8, 500, 60, 730);
        ModelFit<ParetoNbdParameters> fit = ParetoNbdModel.fit(sim.grouped());
        ParetoNbdParameters p = fit.parameters();
        assertThat(p.r()).isCloseTo(0.9, within(0.9 * 0.15));
        assertThat(p.alpha()).isCloseTo(60, within(60 * 0.15));
        assertThat(p.s()).isCloseTo(0.8, within(0.8 * 0.15));
        assertThat(p.beta()).isCloseTo(500, within(500 * 0.15));
    }

    @Test
    void likelihoodMatchesNumericalIntegrationOverTheDropoutTime() {
        // L = Γ(r+x)α^r β^s / Γ(r) · [ (α+T)^-(r+x) (β+T)^-s + s ∫_tx^T (α+τ)^-(r+x) (β+τ)^-(s+1) dτ ]
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 200; i++) {
            double r = 0.1 + 3 * random.nextDouble(), alpha = 1 + 100 * random.nextDouble();
            double s = 0.1 + 3 * random.nextDouble(), beta = 1 + 1000 * random.nextDouble();
            int x = random.nextInt(30);
            double age = 1 + 700 * random.nextDouble();
            double tx = x == 0 ? 0 : age * random.nextDouble();
            double integral = simpson(tau -> Math.pow(alpha + tau, -(r + x)) * Math.pow(beta + tau, -(s + 1)), tx, age);
            double logGammaRatio = 0;
            for (int k = 0; k < x; k++) logGammaRatio += Math.log(r + k);
            double expected = logGammaRatio
                    + r * Math.log(alpha)
                    + s * Math.log(beta)
                    + Math.log(Math.pow(alpha + age, -(r + x)) * Math.pow(beta + age, -s) + s * integral);
            ParetoNbdParameters p = new ParetoNbdParameters(r, alpha, s, beta);
            assertThat(p.logLikelihood(x, tx, age))
                    .as("%s x=%d tx=%s T=%s", p, x, tx, age)
                    .isCloseTo(expected, within(1e-7 * Math.max(1, Math.abs(expected))));
        }
    }

    @Test
    void closedFormsWithoutHistoryAndProperties() {
        ParetoNbdParameters p = new ParetoNbdParameters(0.9, 60, 0.8, 500);
        // a customer just acquired (T = 0) is alive and expects what a new customer does: rβ/(α(s−1)) [1 −
        // (β/(β+t))^(s−1)]
        for (double t : new double[] {1, 90, 365, 5000}) {
            double expected = 0.9 * 500 / (60 * (0.8 - 1)) * (1 - Math.pow(500 / (500 + t), 0.8 - 1));
            assertThat(p.expectedPurchasesOfNewCustomer(t)).isCloseTo(expected, within(1e-10 * expected));
            assertThat(p.expectedPurchases(0, 0, 0, t)).isCloseTo(expected, within(1e-10 * expected));
        }
        assertThat(p.probabilityAlive(0, 0, 0)).isEqualTo(1.0);
        // s = 1 exactly takes the logarithmic limit
        assertThat(new ParetoNbdParameters(1, 10, 1, 100).expectedPurchasesOfNewCustomer(100))
                .isCloseTo(1.0 / 10 * 100 * Math.log(2), within(1e-12));
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 1_000; i++) {
            ParetoNbdParameters q = new ParetoNbdParameters(
                    0.05 + 3 * random.nextDouble(),
                    0.5 + 200 * random.nextDouble(),
                    0.05 + 3 * random.nextDouble(),
                    0.5 + 2000 * random.nextDouble());
            int x = random.nextInt(60);
            double age = 1 + 800 * random.nextDouble();
            double tx = x == 0 ? 0 : age * random.nextDouble();
            assertThat(q.probabilityAlive(x, tx, age)).isBetween(0.0, 1.0);
            double previous = 0;
            for (double t : new double[] {1, 30, 365, 3650}) {
                double e = q.expectedPurchases(x, tx, age, t);
                assertThat(e).as("%s x=%d tx=%s T=%s", q, x, tx, age).isFinite().isGreaterThanOrEqualTo(previous);
                previous = e;
            }
        }
        // more recent activity means more likely alive
        assertThat(p.probabilityAlive(5, 300, 310)).isGreaterThan(p.probabilityAlive(5, 100, 310));
    }

    @Test
    void onlyOneTimeBuyersAreRefused() {
        assertThatThrownBy(() -> ParetoNbdModel.fit(
                        List.of(new CustomerSummary("a", 0, 0, 5, 0), new CustomerSummary("b", 0, 0, 9, 0))))
                .isInstanceOf(ModelFitException.class)
                .hasMessageContaining("one-time buyers");
    }

    private static double simpson(java.util.function.DoubleUnaryOperator f, double from, double to) {
        if (to == from) return 0;
        int n = 20_000;
        double h = (to - from) / n;
        double sum = f.applyAsDouble(from) + f.applyAsDouble(to);
        for (int i = 1; i < n; i++) sum += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(from + i * h);
        return sum * h / 3;
    }
}
