package io.clientele.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MbgNbdModelTest {
    /** Weekly parameters of the size of the CDNOW fits. */
    private static final MbgNbdParameters MODEL = new MbgNbdParameters(0.5, 6.0, 0.9, 1.6);

    @Test
    void theLikelihoodIsTheBgNbdsWithOneMoreDropOutOpportunity() {
        // independently: surviving the first opportunity has probability b/(a+b) and leaves p ~ Beta(a, b+1), so
        // with repeat purchases L = b/(a+b) · L_BG/NBD(r, α, a, b+1); without, the customer either left at once
        // (a/(a+b)) or survived and bought nothing in T: b/(a+b) (α/(α+T))^r
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 500; i++) {
            double r = 0.05 + 3 * random.nextDouble(), alpha = 0.5 + 100 * random.nextDouble();
            double a = 0.05 + 5 * random.nextDouble(), b = 0.05 + 10 * random.nextDouble();
            MbgNbdParameters m = new MbgNbdParameters(r, alpha, a, b);
            BgNbdParameters bg = new BgNbdParameters(r, alpha, a, b + 1);
            int x = 1 + random.nextInt(30);
            double age = 1 + 500 * random.nextDouble();
            double tx = age * random.nextDouble();
            assertThat(m.logLikelihood(x, tx, age))
                    .isCloseTo(Math.log(b / (a + b)) + bg.logLikelihood(x, tx, age), within(1e-9));
            double none = b / (a + b) * Math.pow(alpha / (alpha + age), r) + a / (a + b);
            assertThat(m.logLikelihood(0, 0, age)).isCloseTo(Math.log(none), within(1e-12));
        }
    }

    @Test
    void aOneTimeBuyerFadesWithSilenceAsSimulatedCustomersDo() {
        // 200,000 customers all observed for 52 weeks: of those who never bought again, the share still active is
        // P(alive | x = 0, T = 52); the BG/NBD would say 1
        Simulated sim = Simulated.mbgNbd(17, 200_000, MODEL.r(), MODEL.alpha(), MODEL.a(), MODEL.b(), 52, 52);
        long oneTime = 0, aliveOneTime = 0;
        for (int i = 0; i < sim.frequency.length; i++) {
            if (sim.frequency[i] == 0) {
                oneTime++;
                if (sim.alive[i]) aliveOneTime++;
            }
        }
        double expected = MODEL.probabilityAlive(0, 0, 52);
        assertThat((double) aliveOneTime / oneTime).isCloseTo(expected, within(0.005));
        // by hand: a/b · ((α+T)/α)^r = 0.5625 · 9.667^0.5 = 1.749, so 1/2.749
        assertThat(expected).isCloseTo(0.3638, within(0.0005));
        assertThat(MODEL.probabilityAlive(0, 0, 4)).isGreaterThan(MODEL.probabilityAlive(0, 0, 52));
        assertThat(MODEL.judgesOneTimeBuyers()).isTrue();
        assertThat(new BgNbdParameters(0.5, 6, 0.9, 1.6).probabilityAlive(0, 0, 52))
                .isEqualTo(1);
    }

    @Test
    void aNewCustomersExpectationMatchesSimulationAndThePublishedForm() {
        // Batislam et al.: E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r 2F1(r, b+1; a+b; t/(α+t))], the 2F1 as a power series
        double r = MODEL.r(), alpha = MODEL.alpha(), a = MODEL.a(), b = MODEL.b();
        double t = 39;
        double z = t / (alpha + t);
        double series = 1, term = 1;
        for (int n = 0; n < 2000; n++) {
            term *= (r + n) * (b + 1 + n) / ((a + b + n) * (n + 1)) * z;
            series += term;
        }
        double published = b / (a - 1) * (1 - Math.pow(alpha / (alpha + t), r) * series);
        assertThat(MODEL.expectedPurchasesOfNewCustomer(t)).isCloseTo(published, within(1e-6));
        assertThat(MODEL.expectedPurchases(0, 0, 0, t))
                .isCloseTo(MODEL.expectedPurchasesOfNewCustomer(t), within(1e-9));
        Simulated sim = Simulated.mbgNbd(23, 200_000, r, alpha, a, b, t, t);
        double mean = java.util.Arrays.stream(sim.frequency).average().orElseThrow();
        assertThat(MODEL.expectedPurchasesOfNewCustomer(t)).isCloseTo(mean, within(0.02));
    }

    @Test
    void recoversThePlantedParametersFrom30000SimulatedCustomers() {
        Simulated sim = Simulated.mbgNbd(11, 30_000, 0.9, 60, 0.8, 3.0, 60, 730);
        ModelFit<MbgNbdParameters> fit = MbgNbdModel.fit(sim.grouped());
        MbgNbdParameters p = fit.parameters();
        assertThat(p.r()).isCloseTo(0.9, within(0.9 * 0.15));
        assertThat(p.alpha()).isCloseTo(60, within(60 * 0.15));
        assertThat(p.a()).isCloseTo(0.8, within(0.8 * 0.15));
        assertThat(p.b()).isCloseTo(3.0, within(3.0 * 0.15));
        // the fit's log-likelihood is the sum of the record's per-customer terms
        double sum = 0;
        for (int i = 0; i < sim.frequency.length; i++) {
            sum += p.logLikelihood(sim.frequency[i], sim.recency[i], sim.age[i]);
        }
        assertThat(fit.logLikelihood()).isCloseTo(sum, within(1e-6 * Math.abs(sum)));
    }

    @Test
    void analyticGradientMatchesFiniteDifferences() {
        Simulated sim = Simulated.mbgNbd(3, 2_000, 0.5, 10, 0.7, 2.5, 30, 100);
        RepeatPurchaseData data = sim.grouped();
        double[] phi = {Math.log(0.4), Math.log(12), Math.log(0.9), Math.log(2)};
        double[] gradient = new double[4];
        BgNbdModel.negativeMeanLogLikelihood(data, phi, gradient, 1);
        for (int k = 0; k < 4; k++) {
            double[] up = phi.clone(), down = phi.clone();
            up[k] += 1e-6;
            down[k] -= 1e-6;
            double numeric = (BgNbdModel.negativeMeanLogLikelihood(data, up, new double[4], 1)
                            - BgNbdModel.negativeMeanLogLikelihood(data, down, new double[4], 1))
                    / 2e-6;
            assertThat(gradient[k]).as("parameter %d", k).isCloseTo(numeric, within(1e-6));
        }
    }
}
