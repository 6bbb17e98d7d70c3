package io.clientele.analytics.value;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Scores every customer of a {@link PurchaseLog} as of a date: RFM, profit, grade, churn, loyalty, satisfaction and
 * matrix class, and sums them up. Receipts after the as-of date are ignored, so a past date gives the scores as
 * they were then.
 */
public final class ValueScoring {
    private ValueScoring() {}

    /** Scores without marketing costs: net profit equals gross profit. */
    public static ValueScores score(
            PurchaseLog log, SatisfactionInputs ratings, ScoringParameters parameters, LocalDate asOf) {
        return score(log, ratings, MarketingCostInputs.none(log.customers()), parameters, asOf);
    }

    /** Scores with each customer's marketing costs; the grades rank the profit of {@code parameters.profit()}. */
    public static ValueScores score(
            PurchaseLog log,
            SatisfactionInputs ratings,
            MarketingCostInputs marketing,
            ScoringParameters parameters,
            LocalDate asOf) {
        int n = log.customers();
        if (ratings.expectedSum().length != n) {
            throw new IllegalArgumentException(
                    "satisfaction inputs hold " + ratings.expectedSum().length + " customers, the purchase log " + n);
        }
        if (marketing.directCents().length != n) {
            throw new IllegalArgumentException("marketing cost inputs hold " + marketing.directCents().length
                    + " customers, the purchase log " + n);
        }
        int asOfDay = (int) asOf.toEpochDay();
        int firstDay = asOfDay - parameters.lookbackDays() + 1;
        ValueScores scores = new ValueScores(n);
        boolean[] buyer = new boolean[n];
        double[] recency = new double[n];
        double[] frequency = new double[n];
        double[] monetary = new double[n];
        double[] ratio = new double[n];
        double[] signals = new double[n];
        int[] days = new int[64];
        double[] amounts = new double[64];
        for (int c = 0; c < n; c++) {
            int lastSale = Integer.MIN_VALUE;
            int purchases = 0;
            long revenue = 0;
            long cost = 0;
            long bought = 0;
            long returned = 0;
            for (int i = log.from(c); i < log.to(c) && log.day(i) <= asOfDay; i++) {
                int day = log.day(i);
                if (!log.isReturn(i)) {
                    lastSale = day;
                }
                if (day < firstDay) {
                    continue;
                }
                long amount = log.amountCents(i);
                revenue += amount;
                cost += log.costCents(i);
                if (log.isReturn(i)) {
                    returned -= amount;
                } else {
                    if (purchases == days.length) {
                        days = Arrays.copyOf(days, purchases * 2);
                        amounts = Arrays.copyOf(amounts, purchases * 2);
                    }
                    days[purchases] = day;
                    amounts[purchases] = amount;
                    purchases++;
                    bought += amount;
                }
            }
            CustomerProfit profit = new CustomerProfit(
                    revenue, cost, marketing.directCents()[c], marketing.allocatedCents()[c]);
            scores.frequency[c] = purchases;
            scores.revenueCents[c] = revenue;
            scores.costCents[c] = cost;
            scores.directMarketingCents[c] = profit.directCostCents();
            scores.allocatedMarketingCents[c] = profit.indirectCostCents();
            scores.profitCents[c] =
                    parameters.profit() == ProfitBasis.NET ? profit.profitCents() : profit.grossProfitCents();
            scores.loyalty[c] = LoyaltyIndex.of(days, amounts, purchases, asOfDay);
            double returnRate = bought <= 0 ? 0 : (double) returned / bought;
            SatisfactionRule rule = parameters.satisfaction();
            long expected = ratings.expectedSum()[c];
            ratio[c] = expected <= 0 ? Double.NaN : (double) ratings.perceivedSum()[c] / expected;
            signals[c] = rule.signals(ratings.complaints()[c], purchases, returnRate);
            scores.satisfaction[c] = ratio[c] * signals[c];
            scores.satisfactionLevel[c] = rule.level(scores.satisfaction[c]);
            if (lastSale == Integer.MIN_VALUE) {
                scores.recencyDays[c] = -1;
                continue;
            }
            buyer[c] = true;
            scores.recencyDays[c] = asOfDay - lastSale;
            scores.churned[c] = asOfDay - lastSale > parameters.churnDays();
            recency[c] = asOfDay - lastSale;
            frequency[c] = purchases;
            monetary[c] = revenue;
        }
        byte[] r = QuintileScores.of(recency, buyer, false);
        byte[] f = QuintileScores.of(frequency, buyer, true);
        byte[] m = QuintileScores.of(monetary, buyer, true);
        ProfitRanking ranking = new ProfitRanking(scores.profitCents, buyer);
        RevenueRanking revenueRanking = new RevenueRanking(monetary, buyer);
        int[] group = new int[n];
        for (int c = 0; c < n; c++) {
            if (!buyer[c]) {
                scores.satisfactionLevel[c] = null;
                group[c] = -1;
                continue;
            }
            scores.r[c] = r[c];
            scores.f[c] = f[c];
            scores.m[c] = m[c];
            scores.segment[c] = RfmSegment.of(r[c], f[c], m[c]);
            group[c] = scores.segment[c].ordinal();
            scores.grade[c] = ranking.grade(scores.profitCents[c], parameters.grades());
            scores.volume[c] = parameters.volume().level(revenueRanking.shareAbove(monetary[c]));
        }
        double[] estimates = SatisfactionEstimator.DEFAULT.estimate(
                ratio, group, RfmSegment.values().length, scores.frequency, signals);
        for (int c = 0; c < n; c++) {
            if (!buyer[c]) {
                continue;
            }
            if (!Double.isNaN(estimates[c])) {
                scores.satisfaction[c] = estimates[c];
                scores.satisfactionLevel[c] = parameters.satisfaction().level(estimates[c]);
                scores.satisfactionEstimated[c] = true;
            }
            SatisfactionLevel satisfaction = scores.satisfactionLevel[c];
            scores.matrixClass[c] = satisfaction == null ? null : MatrixClass.of(scores.volume[c], satisfaction);
        }
        scores.summary(summarise(scores, ranking, churnByMonth(log, parameters, asOf)));
        return scores;
    }

    private static ValueSummary summarise(ValueScores scores, ProfitRanking ranking, List<ChurnMonth> churn) {
        Map<ValueGrade, GroupFigures> grades = emptyFigures(ValueGrade.class);
        Map<RfmSegment, GroupFigures> segments = emptyFigures(RfmSegment.class);
        Map<MatrixClass, GroupFigures> matrix = emptyFigures(MatrixClass.class);
        Map<MatrixClass, GroupFigures> estimated = emptyFigures(MatrixClass.class);
        GroupFigures unknown = GroupFigures.EMPTY;
        GroupFigures[][] grid = new GroupFigures[5][5];
        for (GroupFigures[] row : grid) {
            Arrays.fill(row, GroupFigures.EMPTY);
        }
        long buyers = 0;
        long churned = 0;
        for (int c = 0; c < scores.customers(); c++) {
            ValueGrade grade = scores.grade[c];
            RfmSegment segment = scores.segment[c];
            if (grade == null || segment == null) {
                continue;
            }
            buyers++;
            churned += scores.churned[c] ? 1 : 0;
            long revenue = scores.revenueCents[c];
            long profit = scores.profitCents[c];
            grades.merge(grade, GroupFigures.EMPTY, (a, b) -> a.plus(revenue, profit));
            segments.merge(segment, GroupFigures.EMPTY, (a, b) -> a.plus(revenue, profit));
            MatrixClass matrixClass = scores.matrixClass[c];
            if (matrixClass == null) {
                unknown = unknown.plus(revenue, profit);
            } else {
                matrix.merge(matrixClass, GroupFigures.EMPTY, (a, b) -> a.plus(revenue, profit));
                if (scores.satisfactionEstimated[c]) {
                    estimated.merge(matrixClass, GroupFigures.EMPTY, (a, b) -> a.plus(revenue, profit));
                }
            }
            grid[scores.r[c] - 1][scores.f[c] - 1] = grid[scores.r[c] - 1][scores.f[c] - 1].plus(revenue, profit);
        }
        return new ValueSummary(
                scores.customers(),
                buyers,
                churned,
                grades,
                segments,
                matrix,
                estimated,
                unknown,
                grid,
                ParetoCurve.of(ranking, 100),
                churn);
    }

    private static <E extends Enum<E>> Map<E, GroupFigures> emptyFigures(Class<E> type) {
        Map<E, GroupFigures> figures = new EnumMap<>(type);
        for (E value : type.getEnumConstants()) {
            figures.put(value, GroupFigures.EMPTY);
        }
        return figures;
    }

    /**
     * For each of the last complete months: who was active at its start (bought within the churn days before it),
     * graded on their profit in the lookback before that start, and who of them churned during it (reached the churn
     * threshold with no purchase in between).
     */
    static List<ChurnMonth> churnByMonth(PurchaseLog log, ScoringParameters parameters, LocalDate asOf) {
        YearMonth last = YearMonth.from(asOf.plusDays(1)).minusMonths(1);
        List<ChurnMonth> months = new ArrayList<>();
        int n = log.customers();
        long[] profit = new long[n];
        boolean[] graded = new boolean[n];
        for (YearMonth month = last.minusMonths(parameters.churnMonths() - 1L);
                !month.isAfter(last);
                month = month.plusMonths(1)) {
            int start = (int) month.atDay(1).toEpochDay();
            int end = (int) month.plusMonths(1).atDay(1).toEpochDay();
            int lookbackStart = start - parameters.lookbackDays();
            for (int c = 0; c < n; c++) {
                long sum = 0;
                boolean bought = false;
                for (int i = log.from(c); i < log.to(c) && log.day(i) < start; i++) {
                    bought |= !log.isReturn(i);
                    if (log.day(i) >= lookbackStart) {
                        sum += log.amountCents(i) - log.costCents(i);
                    }
                }
                profit[c] = sum;
                graded[c] = bought;
            }
            ProfitRanking ranking = new ProfitRanking(profit, graded);
            long[] active = new long[ValueGrade.values().length];
            long[] churned = new long[ValueGrade.values().length];
            int[][] churners = new int[ValueGrade.values().length][16];
            for (int c = 0; c < n; c++) {
                int lastSale = Integer.MIN_VALUE;
                int nextSale = Integer.MAX_VALUE;
                for (int i = log.from(c); i < log.to(c); i++) {
                    if (log.isReturn(i)) {
                        continue;
                    }
                    if (log.day(i) < start) {
                        lastSale = log.day(i);
                    } else {
                        nextSale = log.day(i);
                        break;
                    }
                }
                if (lastSale == Integer.MIN_VALUE || start - lastSale > parameters.churnDays()) {
                    continue;
                }
                int grade = ranking.grade(profit[c], parameters.grades()).ordinal();
                active[grade]++;
                int churnDay = lastSale + parameters.churnDays() + 1;
                if (churnDay < end && nextSale >= churnDay) {
                    int count = (int) churned[grade]++;
                    if (count == churners[grade].length) {
                        churners[grade] = Arrays.copyOf(churners[grade], count * 2);
                    }
                    churners[grade][count] = c;
                }
            }
            Map<ValueGrade, ChurnMonth.Count> byGrade = new EnumMap<>(ValueGrade.class);
            for (ValueGrade grade : ValueGrade.values()) {
                byGrade.put(grade, new ChurnMonth.Count(active[grade.ordinal()], churned[grade.ordinal()]));
                churners[grade.ordinal()] = Arrays.copyOf(churners[grade.ordinal()], (int) churned[grade.ordinal()]);
            }
            months.add(new ChurnMonth(month, byGrade, churners));
        }
        return List.copyOf(months);
    }

    /** Buyers ranked by revenue, for the volume levels: the share of buyers with strictly more revenue. */
    private static final class RevenueRanking {
        private final double[] ascending;

        RevenueRanking(double[] revenue, boolean[] ranked) {
            int n = 0;
            for (boolean r : ranked) {
                n += r ? 1 : 0;
            }
            ascending = new double[n];
            int k = 0;
            for (int i = 0; i < revenue.length; i++) {
                if (ranked[i]) {
                    ascending[k++] = revenue[i];
                }
            }
            Arrays.parallelSort(ascending);
        }

        double shareAbove(double revenue) {
            return (double) (ascending.length - QuintileScores.firstGreater(ascending, revenue)) / ascending.length;
        }
    }
}
