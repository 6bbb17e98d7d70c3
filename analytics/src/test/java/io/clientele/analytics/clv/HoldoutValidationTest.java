package io.clientele.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clientele.analytics.random.Sampler;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class HoldoutValidationTest {

    @Test
    void aModelFittedOnSimulatedPurchasesPredictsItsOwnHoldout() {
        // 20,000 Pareto/NBD customers joining over a year, purchases on days; calibrate on the first 365 days and
        // predict the next 180
        LocalDate start = LocalDate.of(2025, 1, 1);
        Sampler random = new Sampler(31);
        TransactionSummaries.Builder builder = TransactionSummaries.builder(Period.DAY)
                .calibrationEnd(start.plusDays(364))
                .observationEnd(start.plusDays(364 + 180));
        for (int i = 0; i < 20_000; i++) {
            double joined = 300 * random.uniform();
            double lambda = random.gamma(0.9, 60);
            double end = joined + random.exponential(random.gamma(0.8, 500));
            String key = "c" + i;
            builder.add(key, start.plusDays((long) joined), 1);
            for (double t = joined + random.exponential(lambda);
                    t < Math.min(end, 545);
                    t += random.exponential(lambda)) {
                builder.add(key, start.plusDays((long) t), 1);
            }
        }
        TransactionSummaries summaries = builder.build();
        List<CustomerSummary> calibration = summaries.customers();
        ParetoNbdParameters model = ParetoNbdModel.fit(calibration).parameters();
        HoldoutValidation.Report report = HoldoutValidation.validate(model, calibration, summaries.holdout());

        assertThat(report.holdoutPeriods()).isEqualTo(180);
        assertThat(report.byFrequency())
                .extracting(HoldoutValidation.FrequencyGroup::frequency)
                .startsWith("0", "1", "2")
                .endsWith("7+");
        assertThat(report.byFrequency().stream()
                        .mapToLong(HoldoutValidation.FrequencyGroup::customers)
                        .sum())
                .isEqualTo(calibration.size());
        // the total is predicted within 10% (day rounding and the simulation's noise)
        assertThat(report.errors().relativeErrorOfTotal()).isBetween(-0.10, 0.10);
        assertThat(report.errors().rootMeanSquareError())
                .isGreaterThanOrEqualTo(report.errors().meanAbsoluteError());
        // the curve has a point per period here (180 > 100 points: every second period), rising, ending at the totals
        List<HoldoutValidation.CumulativePoint> curve = report.cumulative();
        assertThat(curve).hasSizeLessThanOrEqualTo(HoldoutValidation.MAX_CURVE_POINTS);
        assertThat(curve.getLast().period()).isEqualTo(180);
        assertThat(curve.getLast().actual()).isEqualTo(report.errors().actualTotal());
        assertThat(curve.getLast().predicted())
                .isCloseTo(
                        report.errors().predictedTotal(),
                        within(1e-6 * curve.getLast().predicted()));
        for (int i = 1; i < curve.size(); i++) {
            assertThat(curve.get(i).predicted())
                    .isGreaterThanOrEqualTo(curve.get(i - 1).predicted());
            assertThat(curve.get(i).actual())
                    .isGreaterThanOrEqualTo(curve.get(i - 1).actual());
        }
    }
}
