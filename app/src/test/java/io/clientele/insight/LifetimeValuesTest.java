package io.clientele.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.analytics.clv.ModelSelection;
import io.clientele.analytics.random.Sampler;
import io.clientele.analytics.value.ProfitBasis;
import io.clientele.analytics.value.PurchaseLog;
import org.junit.jupiter.api.Test;

/** The run's lifetime-value step on a planted purchase log: the model it chooses and the P(alive) it withholds. */
class LifetimeValuesTest {
    private static final int AS_OF = 20_000;
    private static final int CUSTOMERS = 4_000;

    @Test
    void underTheBgNbdOneTimeBuyersHaveNoProbabilityAndRepeatBuyersDo() {
        PurchaseLog log = log();
        LifetimeValues.Result result = new LifetimeValues(properties("bgnbd")).score(log, AS_OF, 0.3);
        RunSummary.LifetimeValueModel model = result.model();
        assertThat(model.error()).isNull();
        assertThat(model.model()).isEqualTo("bgnbd");
        assertThat(model.selection()).as("configured, not chosen").isNull();
        assertThat(model.oneTimeBuyersWithheld()).isTrue();
        for (int c = 0; c < CUSTOMERS; c++) {
            boolean oneTime = distinctDays(log, c) == 1;
            assertThat(Double.isNaN(result.probabilityAlive()[c]))
                    .as("customer %d", c)
                    .isEqualTo(oneTime);
            // what they may still buy is predicted either way
            assertThat(result.expected90()[c]).isNotNaN();
            assertThat(result.lifetimeValue()[c]).isNotNaN();
        }
    }

    @Test
    void chosenByTheHoldoutAllCandidatesAreComparedAndOneTimeBuyersAreJudged() {
        PurchaseLog log = log();
        LifetimeValues.Result result = new LifetimeValues(properties("auto")).score(log, AS_OF, 0.3);
        RunSummary.LifetimeValueModel model = result.model();
        RunSummary.Selection selection = model.selection();
        assertThat(selection).isNotNull();
        // buyers join over 600 days; the span starts at the oldest but 1 % (about 594 days): its last quarter is held
        // out
        int holdout = selection.holdoutDays();
        assertThat(holdout).isBetween(146, 150);
        assertThat(selection.calibrationEnd()).isEqualTo(java.time.LocalDate.ofEpochDay(AS_OF - holdout));
        long boughtByThen = java.util.stream.IntStream.range(0, CUSTOMERS)
                .filter(c -> log.day(log.from(c)) <= AS_OF - holdout)
                .count();
        assertThat(selection.customers()).isEqualTo(boughtByThen);
        assertThat(selection.candidates())
                .extracting(RunSummary.Candidate::model)
                .containsExactlyElementsOf(ModelSelection.MODELS);
        assertThat(selection.candidates())
                .allSatisfy(c -> assertThat(c.rootMeanSquareError()).isPositive());
        // planted: many first buyers never come back, so the MBG/NBD's drop-out at the first purchase wins
        assertThat(model.model()).isEqualTo(selection.ranking().getFirst()).isEqualTo("mbgnbd");
        assertThat(model.oneTimeBuyersWithheld()).isFalse();
        double silent = 0, recent = 0;
        int silentCount = 0, recentCount = 0;
        for (int c = 0; c < CUSTOMERS; c++) {
            if (distinctDays(log, c) != 1) continue;
            int day = log.day(log.from(c));
            if (day < AS_OF - 300) {
                silent += result.probabilityAlive()[c];
                silentCount++;
            } else if (day > AS_OF - 30) {
                recent += result.probabilityAlive()[c];
                recentCount++;
            }
        }
        assertThat(silentCount).isGreaterThan(100);
        assertThat(recentCount).isGreaterThan(10);
        assertThat(silent / silentCount).isLessThan(0.5 * recent / recentCount);
    }

    @Test
    void manyBuyersAreComparedOnASystematicSample() {
        PurchaseLog log = log();
        io.clientele.analytics.value.RepeatPurchaseInputs inputs =
                io.clientele.analytics.value.RepeatPurchaseInputs.of(log, AS_OF);
        RunSummary.Selection sampled = LifetimeValues.select(log, inputs, AS_OF, 1_000);
        // about 3,000 bought by the calibration end: 1,000 of them are compared
        assertThat(sampled.customers()).isEqualTo(1_000);
        assertThat(sampled.candidates()).allSatisfy(c -> assertThat(c.error()).isNull());
    }

    @Test
    void anUnknownModelIsRefusedAtStartup() {
        assertThatThrownBy(() -> properties("bg/nbd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clientele.scoring.clv-model")
                .hasMessageContaining("auto");
    }

    private static ScoringProperties properties(String model) {
        return new ScoringProperties(
                730,
                180,
                12,
                0.5,
                0.8,
                0.95,
                0.2,
                0.5,
                1.0,
                0.85,
                0.5,
                0.5,
                "0 30 2 * * *",
                14,
                model,
                0,
                0.01,
                12,
                ProfitBasis.GROSS);
    }

    /**
     * MBG/NBD buyers joining over 600 days: half drop out at once (p ~ Beta(2, 2) at the first purchase and after
     * each repeat), the rest buy every ~30 days on average; amounts around 100.
     */
    private static PurchaseLog log() {
        Sampler random = new Sampler(5);
        PurchaseLog.Builder builder = PurchaseLog.builder(CUSTOMERS);
        for (int c = 0; c < CUSTOMERS; c++) {
            double t = AS_OF - 600 + 600 * random.uniform();
            double lambda = random.gamma(1.0, 30);
            double ga = random.gamma(2, 1);
            double p = ga / (ga + random.gamma(2, 1));
            builder.add(c, (int) t, 10_000, 7_000, false);
            while (!random.bernoulli(p) && (t += random.exponential(lambda)) <= AS_OF) {
                builder.add(c, (int) t, 5_000 + random.uniformInt(10_000), 3_500, false);
            }
        }
        return builder.build();
    }

    private static int distinctDays(PurchaseLog log, int c) {
        return (int) java.util.stream.IntStream.range(log.from(c), log.to(c))
                .map(log::day)
                .distinct()
                .count();
    }

    @Test
    void aFewStrayOldBuyersDoNotMoveTheSplit() {
        double[] ages = new double[1000];
        java.util.Arrays.fill(ages, 600);
        // five buyers from twenty years ago (an archive, a test's receipts): the oldest but 1 % is still 600 days
        for (int i = 0; i < 5; i++) {
            ages[i] = 7300;
        }
        assertThat(LifetimeValues.oldestButOnePercent(ages)).isEqualTo(600);
    }
}
