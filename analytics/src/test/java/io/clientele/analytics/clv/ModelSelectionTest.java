package io.clientele.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.analytics.random.Sampler;
import java.time.LocalDate;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ModelSelectionTest {
    private static final LocalDate START = LocalDate.of(2024, 1, 1);
    /** Customers join over the first 500 days and are observed for 800. */
    private static final int JOINING = 500;

    private static final int OBSERVED = 800;
    private static final int CUSTOMERS = 20_000;

    @Test
    void theHoldoutIsTheLastQuarterAndAtLeastEightWeeks() {
        assertThat(ModelSelection.calibrationEnd(0, 800)).isEqualTo(OptionalInt.of(600));
        // twenty years of history (one old receipt is enough): a year's holdout, not five
        assertThat(ModelSelection.calibrationEnd(0, 7300)).isEqualTo(OptionalInt.of(7300 - 365));
        assertThat(ModelSelection.calibrationEnd(0, 150)).isEqualTo(OptionalInt.of(150 - 56));
        assertThat(ModelSelection.calibrationEnd(0, 112)).isEqualTo(OptionalInt.of(56));
        assertThat(ModelSelection.calibrationEnd(0, 111)).isEmpty();
    }

    // each data set: 20,000 customers of one model, days, fixed seed; the holdout is days 601-800. In trials the
    // generating model won by about 3 % in RMSE on BG/NBD data, 0.1-0.5 % on Pareto/NBD data and 0.1-0.4 % on
    // MBG/NBD data (seeds 1-4, 1-4 and 1-6: every one picked it). The MBG/NBD differs from the BG/NBD in the one-time
    // buyers only, so its data set needs many of them gone (p ~ Beta(3, 2)); with p ~ Beta(1, 3) the two predict the
    // holdout within noise of each other and the tie goes to the BG/NBD.

    @Test
    void picksTheBgNbdOnBgNbdCustomers() {
        assertThat(select(Story.BG, 41).chosen()).isEqualTo("bgnbd");
    }

    @Test
    void picksTheMbgNbdOnMbgNbdCustomers() {
        assertThat(select(Story.MBG, 42).chosen()).isEqualTo("mbgnbd");
    }

    @Test
    void picksTheParetoNbdOnParetoNbdCustomers() {
        ModelSelection.Result result = select(Story.PARETO, 43);
        assertThat(result.chosen()).isEqualTo("paretonbd");
        assertThat(result.candidates())
                .extracting(ModelSelection.Candidate::model)
                .containsExactlyElementsOf(ModelSelection.MODELS);
        assertThat(result.ranking()).containsExactlyInAnyOrderElementsOf(ModelSelection.MODELS);
    }

    @Test
    void aModelThatCannotBeFittedIsReportedNotChosen() {
        // one-time buyers only: nothing can be fitted, so nothing is chosen and each says why
        TransactionSummaries.Builder builder = TransactionSummaries.builder(Period.DAY)
                .calibrationEnd(START.plusDays(99))
                .observationEnd(START.plusDays(199));
        for (int i = 0; i < 50; i++) builder.add("c" + i, START.plusDays(i), 1);
        TransactionSummaries s = builder.build();
        ModelSelection.Result result = ModelSelection.select(RepeatPurchaseData.of(s.customers()), s.holdout());
        assertThat(result.chosen()).isNull();
        assertThat(result.candidates()).allSatisfy(c -> {
            assertThat(c.error()).contains("one-time buyers");
            assertThat(c.rootMeanSquareError()).isNaN();
        });
    }

    private enum Story {
        BG,
        MBG,
        PARETO
    }

    /**
     * Simulates the story in continuous days and selects on the rule's split. While active a customer buys at
     * λ ~ Gamma(0.8, 20) per day; BG/NBD: drop-out after each purchase with p ~ Beta(1, 3); MBG/NBD: also at the
     * first, p ~ Beta(3, 2); Pareto/NBD: lifetime rate μ ~ Gamma(1, 200).
     */
    private static ModelSelection.Result select(Story story, long seed) {
        Sampler random = new Sampler(seed);
        int calibrationEnd = ModelSelection.calibrationEnd(0, OBSERVED).orElseThrow();
        TransactionSummaries.Builder builder = TransactionSummaries.builder(Period.DAY)
                .calibrationEnd(START.plusDays(calibrationEnd))
                .observationEnd(START.plusDays(OBSERVED));
        for (int i = 0; i < CUSTOMERS; i++) {
            String key = "c" + i;
            double joined = JOINING * random.uniform();
            builder.add(key, START.plusDays((long) joined), 1);
            double lambda = random.gamma(0.8, 20);
            double t = joined;
            if (story == Story.PARETO) {
                double end = joined + random.exponential(random.gamma(1.0, 200));
                while ((t += random.exponential(lambda)) < Math.min(end, OBSERVED)) {
                    builder.add(key, START.plusDays((long) t), 1);
                }
            } else {
                double ga = random.gamma(story == Story.MBG ? 3.0 : 1.0, 1);
                double p = ga / (ga + random.gamma(story == Story.MBG ? 2.0 : 3.0, 1));
                boolean alive = story == Story.BG || !random.bernoulli(p);
                while (alive && (t += random.exponential(lambda)) < OBSERVED) {
                    builder.add(key, START.plusDays((long) t), 1);
                    alive = !random.bernoulli(p);
                }
            }
        }
        TransactionSummaries s = builder.build();
        return ModelSelection.select(RepeatPurchaseData.of(s.customers()), s.holdout());
    }
}
