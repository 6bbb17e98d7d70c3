package io.clientele.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BgNbdModelTest {
    /** The CDNOW parameters of Fader, Hardie and Lee (2005), weeks. */
    private static final BgNbdParameters CDNOW = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);

    @Test
    void recoversThePlantedParametersFrom30000SimulatedCustomers() {
        // T uniform over 60..730 days; with 30,000 customers the standard errors are a few percent (a and b, the
        // dropout parameters, the widest), so each parameter is asserted within ±15%
        Simulated sim = Simulated.bgNbd(11, 30_000, 0.9, 60, 0.8, 3.0, 60, 730);
        ModelFit<BgNbdParameters> fit = BgNbdModel.fit(sim.grouped());
        BgNbdParameters p = fit.parameters();
        assertThat(p.r()).isCloseTo(0.9, within(0.9 * 0.15));
        assertThat(p.alpha()).isCloseTo(60, within(60 * 0.15));
        assertThat(p.a()).isCloseTo(0.8, within(0.8 * 0.15));
        assertThat(p.b()).isCloseTo(3.0, within(3.0 * 0.15));
        assertThat(fit.customers()).isEqualTo(30_000);
        assertThat(fit.logLikelihood()).isFinite().isNegative();
    }

    @Test
    void groupedAndUngroupedFitsAgree() {
        // day-rounded summaries share (x, tx, T) often; weighting a group by its size is the same likelihood
        Simulated sim = Simulated.bgNbd(5, 5_000, 0.5, 20, 0.7, 2.5, 30, 400);
        for (int i = 0; i < sim.age.length; i++) {
            sim.age[i] = Math.ceil(sim.age[i]);
            sim.recency[i] = Math.min(Math.ceil(sim.recency[i]), sim.age[i]);
        }
        RepeatPurchaseData grouped = sim.grouped();
        RepeatPurchaseData ungrouped = RepeatPurchaseData.ungrouped(sim.frequency, sim.recency, sim.age);
        assertThat(grouped.groups()).isLessThan(ungrouped.groups());
        ModelFit<BgNbdParameters> a = BgNbdModel.fit(grouped);
        ModelFit<BgNbdParameters> b = BgNbdModel.fit(ungrouped);
        assertThat(a.logLikelihood()).isCloseTo(b.logLikelihood(), within(1e-6 * Math.abs(b.logLikelihood())));
        assertThat(a.parameters().r())
                .isCloseTo(b.parameters().r(), within(1e-4 * b.parameters().r()));
        assertThat(a.parameters().b())
                .isCloseTo(b.parameters().b(), within(1e-3 * b.parameters().b()));
    }

    @Test
    void analyticGradientMatchesFiniteDifferences() {
        Simulated sim = Simulated.bgNbd(3, 2_000, 0.5, 10, 0.7, 2.5, 30, 100);
        RepeatPurchaseData data = sim.grouped();
        double[] phi = {Math.log(0.4), Math.log(12), Math.log(0.9), Math.log(2)};
        double[] gradient = new double[4];
        BgNbdModel.negativeMeanLogLikelihood(data, phi, gradient);
        for (int k = 0; k < 4; k++) {
            double[] up = phi.clone(), down = phi.clone();
            up[k] += 1e-6;
            down[k] -= 1e-6;
            double numeric = (BgNbdModel.negativeMeanLogLikelihood(data, up, new double[4])
                            - BgNbdModel.negativeMeanLogLikelihood(data, down, new double[4]))
                    / 2e-6;
            assertThat(gradient[k]).as("parameter %d", k).isCloseTo(numeric, within(1e-6));
        }
    }

    @Test
    void cdnowExampleCustomer() {
        // Fader, Hardie and Lee's example: x = 2, tx = 30.43, T = 38.86 weeks, next 39 weeks: 1.226 purchases
        int x = 2;
        double tx = 30.43, age = 38.86, t = 39;
        double r = CDNOW.r(), alpha = CDNOW.alpha(), a = CDNOW.a(), b = CDNOW.b();
        // independently: the published formula with a plain power series for 2F1 (z = 0.474 converges quickly)
        double z = t / (alpha + age + t);
        double series = 1, term = 1;
        for (int n = 0; n < 400; n++) {
            term *= (r + x + n) * (b + x + n) / ((a + b + x - 1 + n) * (n + 1)) * z;
            series += term;
        }
        double alive = 1 / (1 + a / (b + x - 1) * Math.pow((alpha + age) / (alpha + tx), r + x));
        double expected =
                (a + b + x - 1) / (a - 1) * (1 - Math.pow((alpha + age) / (alpha + age + t), r + x) * series) * alive;
        assertThat(CDNOW.probabilityAlive(x, tx, age)).isCloseTo(alive, within(1e-12));
        assertThat(CDNOW.expectedPurchases(x, tx, age, t)).isCloseTo(expected, within(1e-10));
        assertThat(expected).isCloseTo(1.226, within(0.0005));
        // by hand: a/(b+x-1) = 0.2315, ((α+T)/(α+tx))^(r+x) = 1.2419^2.243 = 1.626, so P(alive) = 1/1.376 = 0.727
        assertThat(alive).isCloseTo(0.7266, within(0.0005));
    }

    @Test
    void aNewCustomerIsTheConditionalExpectationWithNoHistory() {
        for (double t : new double[] {1, 10, 52, 1000}) {
            assertThat(CDNOW.expectedPurchases(0, 0, 0, t))
                    .isCloseTo(CDNOW.expectedPurchasesOfNewCustomer(t), within(1e-10));
        }
        // and the unconditional expectation matches the mean count of 200,000 simulated customers over 39 weeks
        Simulated sim = Simulated.bgNbd(21, 200_000, CDNOW.r(), CDNOW.alpha(), CDNOW.a(), CDNOW.b(), 39, 39);
        double mean = java.util.Arrays.stream(sim.frequency).average().orElseThrow();
        assertThat(CDNOW.expectedPurchasesOfNewCustomer(39)).isCloseTo(mean, within(0.02));
    }

    @Test
    void probabilitiesAndExpectationsBehaveForRandomCustomers() {
        SplittableRandom random = new SplittableRandom(99);
        for (int i = 0; i < 2_000; i++) {
            BgNbdParameters p = new BgNbdParameters(
                    0.05 + 3 * random.nextDouble(),
                    0.5 + 200 * random.nextDouble(),
                    0.05 + 5 * random.nextDouble(),
                    0.05 + 10 * random.nextDouble());
            int x = random.nextInt(60);
            double age = 1 + 800 * random.nextDouble();
            double tx = x == 0 ? 0 : age * random.nextDouble();
            double alive = p.probabilityAlive(x, tx, age);
            assertThat(alive).isBetween(0.0, 1.0);
            double previous = 0;
            for (double t : new double[] {1, 30, 90, 365, 3650}) {
                double e = p.expectedPurchases(x, tx, age, t);
                assertThat(e)
                        .as("%s x=%d tx=%s T=%s t=%s", p, x, tx, age, t)
                        .isFinite()
                        .isGreaterThanOrEqualTo(previous);
                previous = e;
            }
        }
    }

    @Test
    void degenerateInputIsRefusedWithAReason() {
        assertThatThrownBy(() -> BgNbdModel.fit(List.of()))
                .isInstanceOf(ModelFitException.class)
                .hasMessageContaining("no customers");
        assertThatThrownBy(() -> BgNbdModel.fit(List.of(new CustomerSummary("c1", 3, 20, 50, 10))))
                .isInstanceOf(ModelFitException.class)
                .hasMessageContaining("single customer");
        List<CustomerSummary> oneTimers = List.of(
                new CustomerSummary("a", 0, 0, 50, 0),
                new CustomerSummary("b", 0, 0, 70, 0),
                new CustomerSummary("c", 0, 0, 10, 0));
        assertThatThrownBy(() -> BgNbdModel.fit(oneTimers))
                .isInstanceOf(ModelFitException.class)
                .hasMessageContaining("one-time buyers");
        assertThatThrownBy(() -> RepeatPurchaseData.grouped(new int[] {2}, new double[] {60}, new double[] {50}))
                .isInstanceOf(ModelFitException.class)
                .hasMessageContaining("customer #0")
                .hasMessageContaining("recency <= T");
    }
}
