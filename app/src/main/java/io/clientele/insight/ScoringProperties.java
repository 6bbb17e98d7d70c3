package io.clientele.insight;

import io.clientele.analytics.clv.ModelSelection;
import io.clientele.analytics.value.GradeCutoffs;
import io.clientele.analytics.value.ProfitBasis;
import io.clientele.analytics.value.SatisfactionRule;
import io.clientele.analytics.value.ScoringParameters;
import io.clientele.analytics.value.VolumeCutoffs;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code clientele.scoring.*}: the default parameters of a scoring run (a run started from the page may change the
 * churn days and grade cut-offs), the nightly schedule, how many runs keep their per-customer rows, and the
 * lifetime-value settings: the model ({@code auto}: chosen by holdout accuracy each run; or {@code bgnbd},
 * {@code mbgnbd}, {@code paretonbd}), the margin (0: the buyers' observed gross margin), the monthly discount rate
 * and the months ahead; and the profit the grades rank ({@code gross}, or {@code net} of each customer's share of
 * marketing costs).
 */
@ConfigurationProperties("clientele.scoring")
public record ScoringProperties(
        @DefaultValue("730") int lookbackDays,
        @DefaultValue("180") int churnDays,
        @DefaultValue("12") int churnMonths,
        @DefaultValue("0.5") double gradeA,
        @DefaultValue("0.8") double gradeB,
        @DefaultValue("0.95") double gradeC,
        @DefaultValue("0.2") double volumeHigh,
        @DefaultValue("0.5") double volumeMedium,
        @DefaultValue("1.0") double satisfactionHigh,
        @DefaultValue("0.85") double satisfactionMedium,
        @DefaultValue("0.5") double complaintPenalty,
        @DefaultValue("0.5") double returnPenalty,
        @DefaultValue("0 30 2 * * *") String nightly,
        @DefaultValue("14") int keepRuns,
        @DefaultValue(ScoringProperties.AUTO) String clvModel,
        @DefaultValue("0") double clvMargin,
        @DefaultValue("0.01") double clvMonthlyDiscountRate,
        @DefaultValue("12") int clvMonths,
        @DefaultValue("gross") ProfitBasis profit) {
    public static final String AUTO = "auto";

    public ScoringProperties {
        if (!clvModel.equals(AUTO) && !ModelSelection.MODELS.contains(clvModel)) {
            throw new IllegalArgumentException("clientele.scoring.clv-model: " + AUTO + " or one of "
                    + ModelSelection.MODELS + ", not '" + clvModel + "'");
        }
    }

    public ScoringParameters parameters() {
        return new ScoringParameters(
                lookbackDays,
                churnDays,
                churnMonths,
                new GradeCutoffs(gradeA, gradeB, gradeC),
                new VolumeCutoffs(volumeHigh, volumeMedium),
                new SatisfactionRule(satisfactionHigh, satisfactionMedium, complaintPenalty, returnPenalty),
                profit);
    }
}
