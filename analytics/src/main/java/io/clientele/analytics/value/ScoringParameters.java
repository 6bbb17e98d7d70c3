package io.clientele.analytics.value;

/**
 * How a scoring run computes: frequency, money and profit count the receipts of the last {@code lookbackDays}
 * (recency looks at all history); a customer is churned after {@code churnDays} without a purchase; churn rates are
 * reported for the last {@code churnMonths} complete months; grades, the pyramid and the Pareto curve rank customers by
 * the {@code profit} basis (gross, or net of marketing costs).
 */
public record ScoringParameters(
        int lookbackDays,
        int churnDays,
        int churnMonths,
        GradeCutoffs grades,
        VolumeCutoffs volume,
        SatisfactionRule satisfaction,
        ProfitBasis profit) {
    public static final ScoringParameters DEFAULT = new ScoringParameters(
            730, 180, 12, GradeCutoffs.DEFAULT, VolumeCutoffs.DEFAULT, SatisfactionRule.DEFAULT, ProfitBasis.GROSS);

    /** A run stored before the profit basis existed ranked on gross profit. */
    public ScoringParameters {
        if (profit == null) {
            profit = ProfitBasis.GROSS;
        }
        if (lookbackDays < 1) {
            throw new IllegalArgumentException("lookback days must be at least 1, was " + lookbackDays);
        }
        if (churnDays < 1) {
            throw new IllegalArgumentException("churn days must be at least 1, was " + churnDays);
        }
        if (churnMonths < 1 || churnMonths > 120) {
            throw new IllegalArgumentException("churn months must be 1 to 120, was " + churnMonths);
        }
    }

    public ScoringParameters withChurnDays(int days) {
        return new ScoringParameters(lookbackDays, days, churnMonths, grades, volume, satisfaction, profit);
    }

    public ScoringParameters withGrades(GradeCutoffs cutoffs) {
        return new ScoringParameters(lookbackDays, churnDays, churnMonths, cutoffs, volume, satisfaction, profit);
    }

    public ScoringParameters withProfit(ProfitBasis basis) {
        return new ScoringParameters(lookbackDays, churnDays, churnMonths, grades, volume, satisfaction, basis);
    }
}
