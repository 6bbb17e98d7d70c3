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
}
