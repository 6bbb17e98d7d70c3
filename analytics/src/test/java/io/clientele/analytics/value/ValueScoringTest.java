package io.clientele.analytics.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Five buyers and a prospect whose every figure is worked out by hand in the comments. */
class ValueScoringTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 3, 31);
    private static final int STEADY = 0;
    private static final int LAPSED_BIG_SPENDER = 1;
    private static final int ONE_RECENT_PURCHASE = 2;
    private static final int TWO_PURCHASES = 3;
    private static final int RETURNED_EVERYTHING = 4;
    private static final int PROSPECT = 5;

    private final PurchaseLog log = PurchaseLog.builder(6)
            // every 30 days, 100.00 of which 40.00 profit; 5 days ago last: F 4, revenue 400, profit 160
            .add(STEADY, day(-95), 10_000, 6_000, false)
            .add(STEADY, day(-65), 10_000, 6_000, false)
            .add(STEADY, day(-35), 10_000, 6_000, false)
            .add(STEADY, day(-5), 10_000, 6_000, false)
            // five 300.00 purchases a month apart, the last 300 days ago: F 5, revenue 1,500, profit 500
            .add(LAPSED_BIG_SPENDER, day(-420), 30_000, 20_000, false)
            .add(LAPSED_BIG_SPENDER, day(-390), 30_000, 20_000, false)
            .add(LAPSED_BIG_SPENDER, day(-360), 30_000, 20_000, false)
            .add(LAPSED_BIG_SPENDER, day(-330), 30_000, 20_000, false)
            .add(LAPSED_BIG_SPENDER, day(-300), 30_000, 20_000, false)
            // 10 days ago, 50.00: F 1, revenue 50, profit 20
            .add(ONE_RECENT_PURCHASE, day(-10), 5_000, 3_000, false)
            // 400 and 200 days ago, 80.00 each: F 2, revenue 160, profit 60 (added out of order on purpose)
            .add(TWO_PURCHASES, day(-200), 8_000, 5_000, false)
            .add(TWO_PURCHASES, day(-400), 8_000, 5_000, false)
            // bought 40.00 600 days ago and returned it 10 days later: F 1, revenue 0, profit 0
            .add(RETURNED_EVERYTHING, day(-600), 4_000, 3_000, false)
            .add(RETURNED_EVERYTHING, day(-590), -4_000, -3_000, true)
            .build();

    private final SatisfactionInputs ratings = new SatisfactionInputs(
            new long[] {18, 10, 0, 0, 0, 0}, new long[] {16, 16, 0, 0, 0, 0}, new int[] {0, 0, 0, 0, 0, 0});

    private final ValueScores scores = ValueScoring.score(log, ratings, ScoringParameters.DEFAULT, AS_OF);

    @Test
    void recencyFrequencyAndMoney() {
        assertThat(column(scores::recencyDays)).containsExactly(5, 300, 10, 200, 600, -1);
        assertThat(column(scores::frequency)).containsExactly(4, 5, 1, 2, 1, 0);
        assertThat(longs(scores::revenueCents)).containsExactly(40_000L, 150_000L, 5_000L, 16_000L, 0L, 0L);
        assertThat(longs(scores::profitCents)).containsExactly(16_000L, 50_000L, 2_000L, 6_000L, 0L, 0L);
    }

    @Test
    void scoresAndSegments() {
        // recency days 5, 300, 10, 200, 600: customers with more days 4, 1, 3, 2, 0 → 1 + floor(5 × worse / 5)
        assertThat(column(scores::r)).containsExactly(5, 2, 4, 3, 1, 0);
        // purchases 4, 5, 1, 2, 1: customers with fewer 3, 4, 0, 2, 0
        assertThat(column(scores::f)).containsExactly(4, 5, 1, 3, 1, 0);
        // revenue 400, 1500, 50, 160, 0: customers with less 3, 4, 1, 2, 0
        assertThat(column(scores::m)).containsExactly(4, 5, 2, 3, 1, 0);
        assertThat(scores.segment(STEADY)).isEqualTo(RfmSegment.CHAMPIONS);
        assertThat(scores.segment(LAPSED_BIG_SPENDER)).isEqualTo(RfmSegment.CANT_LOSE_THEM);
        assertThat(scores.segment(ONE_RECENT_PURCHASE)).isEqualTo(RfmSegment.PROMISING);
        assertThat(scores.segment(TWO_PURCHASES)).isEqualTo(RfmSegment.NEED_ATTENTION);
        assertThat(scores.segment(RETURNED_EVERYTHING)).isEqualTo(RfmSegment.LOST);
        assertThat(scores.segment(PROSPECT)).isNull();
    }

    @Test
    void gradesByCumulativeShareOfProfit() {
        // profits 500, 160, 60, 20, 0 of 740: shares above 0, 0.676, 0.892, 0.973 and no profit
        assertThat(scores.grade(LAPSED_BIG_SPENDER)).isEqualTo(ValueGrade.A);
        assertThat(scores.grade(STEADY)).isEqualTo(ValueGrade.B);
        assertThat(scores.grade(TWO_PURCHASES)).isEqualTo(ValueGrade.C);
        assertThat(scores.grade(ONE_RECENT_PURCHASE)).isEqualTo(ValueGrade.D);
        assertThat(scores.grade(RETURNED_EVERYTHING)).isEqualTo(ValueGrade.D);
        assertThat(scores.grade(PROSPECT)).isNull();
    }

    @Test
    void netProfitGradesAfterMarketingCosts() {
        // the lapsed big spender was courted hard: 400.00 of contacts and campaign costs, 60.00 of indirect costs
        MarketingCostInputs marketing =
                new MarketingCostInputs(new long[] {0, 40_000, 0, 0, 0, 0}, new long[] {0, 6_000, 0, 0, 0, 0});
        ValueScores gross = ValueScoring.score(log, ratings, marketing, ScoringParameters.DEFAULT, AS_OF);
        ValueScores net = ValueScoring.score(
                log, ratings, marketing, ScoringParameters.DEFAULT.withProfit(ProfitBasis.NET), AS_OF);

        // both runs know every profit: gross 500, costs 400 + 60, net 40
        for (ValueScores run : List.of(gross, net)) {
            assertThat(run.grossProfitCents(LAPSED_BIG_SPENDER)).isEqualTo(50_000);
            assertThat(run.directMarketingCents(LAPSED_BIG_SPENDER)).isEqualTo(40_000);
            assertThat(run.allocatedMarketingCents(LAPSED_BIG_SPENDER)).isEqualTo(6_000);
            assertThat(run.netProfitCents(LAPSED_BIG_SPENDER)).isEqualTo(4_000);
        }
        // gross ranks as before: 500, 160, 60, 20, 0
        assertThat(gross.profitCents(LAPSED_BIG_SPENDER)).isEqualTo(50_000);
        assertThat(gross.grade(LAPSED_BIG_SPENDER)).isEqualTo(ValueGrade.A);
        assertThat(gross.grade(STEADY)).isEqualTo(ValueGrade.B);
        // net: 160, 60, 40, 20, 0 of 280 → shares above 0, 0.571, 0.786, 0.929: A, B, B, C, D
        assertThat(net.profitCents(LAPSED_BIG_SPENDER)).isEqualTo(4_000);
        assertThat(net.grade(STEADY)).isEqualTo(ValueGrade.A);
        assertThat(net.grade(TWO_PURCHASES)).isEqualTo(ValueGrade.B);
        assertThat(net.grade(LAPSED_BIG_SPENDER)).isEqualTo(ValueGrade.B);
        assertThat(net.grade(ONE_RECENT_PURCHASE)).isEqualTo(ValueGrade.C);
        assertThat(net.grade(RETURNED_EVERYTHING)).isEqualTo(ValueGrade.D);
        // the pyramid sums the ranked profit
        assertThat(net.summary().grades().get(ValueGrade.A)).isEqualTo(new GroupFigures(1, 40_000, 16_000));
    }

    @Test
    void churnLoyaltySatisfactionAndMatrix() {
        assertThat(scores.churned(LAPSED_BIG_SPENDER)).isTrue();
        assertThat(scores.churned(TWO_PURCHASES)).isTrue();
        assertThat(scores.churned(STEADY)).isFalse();
        assertThat(scores.churned(ONE_RECENT_PURCHASE)).isFalse();
        assertThat(scores.loyalty(STEADY)).isEqualTo(100);
        // steady, but silent for 300 days against twice 30: 100 × 60 / 300
        assertThat(scores.loyalty(LAPSED_BIG_SPENDER)).isEqualTo(20);
        assertThat(scores.loyalty(TWO_PURCHASES)).isEqualTo(LoyaltyIndex.UNKNOWN);
        assertThat(scores.satisfaction(STEADY)).isCloseTo(1.125, within(1e-9));
        assertThat(scores.satisfaction(LAPSED_BIG_SPENDER)).isCloseTo(0.625, within(1e-9));
        assertThat(scores.satisfactionEstimated(STEADY)).isFalse();
        // no ratings: estimated. Each is alone in its segment and no segment has five raters, so the peers are all
        // raters, (1.125 + 0.625) / 2 = 0.875, and the repeat factor is 1 (as often as their segment)
        assertThat(scores.satisfaction(TWO_PURCHASES)).isCloseTo(0.875, within(1e-9));
        assertThat(scores.satisfactionEstimated(TWO_PURCHASES)).isTrue();
        // returned everything bought: 0.875 × (1 − 0.5 × 1)
        assertThat(scores.satisfaction(RETURNED_EVERYTHING)).isCloseTo(0.4375, within(1e-9));
        assertThat(scores.satisfaction(PROSPECT)).isNaN();
        assertThat(scores.satisfactionEstimated(PROSPECT)).isFalse();
        // revenue rank: 1 of 5 buyers above the steady one (share 0.2) → medium volume
        assertThat(scores.matrixClass(STEADY)).isEqualTo(MatrixClass.MEDIUM_VOLUME_HIGH_SATISFACTION);
        assertThat(scores.matrixClass(LAPSED_BIG_SPENDER)).isEqualTo(MatrixClass.HIGH_VOLUME_LOW_SATISFACTION);
        assertThat(scores.volume(ONE_RECENT_PURCHASE)).isEqualTo(VolumeLevel.LOW);
        assertThat(scores.matrixClass(ONE_RECENT_PURCHASE)).isEqualTo(MatrixClass.LOW_VOLUME_MEDIUM_SATISFACTION);
        assertThat(scores.matrixClass(RETURNED_EVERYTHING)).isEqualTo(MatrixClass.LOW_VOLUME_LOW_SATISFACTION);
        assertThat(scores.matrixClass(PROSPECT)).isNull();
    }

    @Test
    void summary() {
        ValueSummary summary = scores.summary();

        assertThat(summary.customers()).isEqualTo(6);
        assertThat(summary.buyers()).isEqualTo(5);
        assertThat(summary.churned()).isEqualTo(3);
        assertThat(summary.grades().get(ValueGrade.A)).isEqualTo(new GroupFigures(1, 150_000, 50_000));
        assertThat(summary.grades().get(ValueGrade.D).customers()).isEqualTo(2);
        assertThat(summary.segments().get(RfmSegment.CHAMPIONS)).isEqualTo(new GroupFigures(1, 40_000, 16_000));
        assertThat(summary.segments().get(RfmSegment.LOYAL)).isEqualTo(GroupFigures.EMPTY);
        assertThat(summary.matrix()
                        .get(MatrixClass.HIGH_VOLUME_LOW_SATISFACTION)
                        .customers())
                .isEqualTo(1);
        assertThat(summary.estimatedMatrix()
                        .get(MatrixClass.HIGH_VOLUME_LOW_SATISFACTION)
                        .customers())
                .isZero();
        assertThat(summary.estimatedMatrix().get(MatrixClass.LOW_VOLUME_LOW_SATISFACTION))
                .isEqualTo(summary.matrix().get(MatrixClass.LOW_VOLUME_LOW_SATISFACTION))
                .isEqualTo(new GroupFigures(1, 0, 0));
        assertThat(summary.unknownSatisfaction().customers()).isZero();
        assertThat(summary.rfmGrid()[2 - 1][5 - 1]).isEqualTo(new GroupFigures(1, 150_000, 50_000));
        // the best fifth of five buyers is one customer: 500 of 740
        assertThat(summary.pareto().topTwentyShare()).isCloseTo(500.0 / 740, within(1e-9));
        assertThat(summary.pareto().points()).hasSize(101);
        assertThat(summary.pareto().points().getLast().profitShare()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void churnRatePerGradePerMonth() {
        int x = 0;
        int y = 1;
        PurchaseLog months = PurchaseLog.builder(2)
                // active on 1 January (12 days since), churns on 20 January, back on 10 February, churns 13 March
                .add(x, epoch(2025, 12, 20), 10_000, 6_000, false)
                .add(x, epoch(2026, 2, 10), 10_000, 6_000, false)
                // buys every three weeks or so: never 30 days without a purchase
                .add(y, epoch(2025, 12, 25), 10_000, 6_000, false)
                .add(y, epoch(2026, 1, 15), 100, 60, false)
                .add(y, epoch(2026, 2, 5), 100, 60, false)
                .add(y, epoch(2026, 3, 1), 100, 60, false)
                .build();
        ScoringParameters parameters = new ScoringParameters(
                730, 30, 3, GradeCutoffs.DEFAULT, VolumeCutoffs.DEFAULT, SatisfactionRule.DEFAULT, ProfitBasis.GROSS);

        List<ChurnMonth> churn = ValueScoring.churnByMonth(months, parameters, AS_OF);

        assertThat(churn)
                .extracting(ChurnMonth::month)
                .containsExactly(YearMonth.of(2026, 1), YearMonth.of(2026, 2), YearMonth.of(2026, 3));
        // both bought the same before 1 January, so both are A then
        assertThat(churn.get(0).byGrade().get(ValueGrade.A)).isEqualTo(new ChurnMonth.Count(2, 1));
        assertThat(churn.get(0).churners()[ValueGrade.A.ordinal()]).containsExactly(x);
        assertThat(churn.get(2).churners()[ValueGrade.A.ordinal()]).containsExactly(x);
        assertThat(churn.get(1).churners()[ValueGrade.A.ordinal()]).isEmpty();
        assertThat(churn.get(1).total()).isEqualTo(new ChurnMonth.Count(1, 0));
        assertThat(churn.get(2).total()).isEqualTo(new ChurnMonth.Count(2, 1));
        assertThat(churn.get(2).total().rate()).isEqualTo(0.5);
    }

    private static int day(int offset) {
        return (int) AS_OF.plusDays(offset).toEpochDay();
    }

    private static int epoch(int year, int month, int day) {
        return (int) LocalDate.of(year, month, day).toEpochDay();
    }

    private int[] column(java.util.function.IntUnaryOperator value) {
        int[] column = new int[6];
        for (int c = 0; c < 6; c++) {
            column[c] = value.applyAsInt(c);
        }
        return column;
    }

    private long[] longs(java.util.function.IntToLongFunction value) {
        long[] column = new long[6];
        for (int c = 0; c < 6; c++) {
            column[c] = value.applyAsLong(c);
        }
        return column;
    }
}
