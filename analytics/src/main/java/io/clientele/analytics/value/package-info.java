/**
 * Customer value: RFM scores and segments, gross profit, A/B/C/D grades and the Pareto curve, churn by grade, the
 * behavioural loyalty index, satisfaction and the 3x3 volume-by-satisfaction matrix. {@link ValueScoring} computes
 * all of them in one pass over a {@link PurchaseLog}; the rules are written down in docs/insight.md.
 */
@NullMarked
package io.clientele.analytics.value;

import org.jspecify.annotations.NullMarked;
