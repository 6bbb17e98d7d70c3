package io.clientele.insight;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Run summaries stored by an earlier version stay readable (found on a data folder kept across an upgrade). */
class ScoreRunsJsonTest {
    @Test
    void aModelStoredBeforeTheWithheldFlagExistedReadsItAsFalse() {
        // a lifetime-value model as runs stored it before P(alive) could be withheld: no selection, no flag
        RunSummary.LifetimeValueModel model = ScoreRuns.JSON.readValue("""
                {"model": "bgnbd", "parameters": {"r": 0.24}, "logLikelihood": -9582.4, "spendParameters": {},
                 "margin": 0.3, "monthlyDiscountRate": 0.01, "months": 12, "customers": 2357,
                 "repeatBuyers": 1132, "error": null}""", RunSummary.LifetimeValueModel.class);
        assertThat(model.model()).isEqualTo("bgnbd");
        assertThat(model.selection()).isNull();
        assertThat(model.oneTimeBuyersWithheld()).isFalse();
    }

    @Test
    void aSummaryStoredBeforeTheSatisfactionEstimateReadsEveryCellAsMeasured() {
        // a run's figures as stored before satisfaction was estimated: no estimated part of the matrix
        RunSummary summary = ScoreRuns.JSON.readValue("""
                {"customers": 3, "buyers": 2, "churned": 0, "topTwentyShare": 0.5, "grades": [], "segments": [],
                 "matrix": [{"key": "HIGH_VOLUME_HIGH_SATISFACTION", "customers": 2, "revenue": 10, "profit": 4,
                             "clv": 0}],
                 "unknownSatisfaction": {"key": "UNKNOWN", "customers": 0, "revenue": 0, "profit": 0, "clv": 0},
                 "rfmGrid": [], "pareto": [], "churnByMonth": [], "phaseMillis": {},
                 "lifetimeValue": {"model": "bgnbd", "parameters": {}, "logLikelihood": 0, "spendParameters": {},
                                   "margin": 0, "monthlyDiscountRate": 0, "months": 12, "customers": 0,
                                   "repeatBuyers": 0, "error": null}}""", RunSummary.class);
        assertThat(summary.estimatedMatrixOrEmpty()).isEmpty();
        RunSummary.MatrixCell cell = summary.matrixRows().get(0).get(0);
        assertThat(cell.estimated()).isZero();
        assertThat(cell.measured()).isEqualTo(2);
    }
}
