/**
 * Channel-mix planning: which channels to contact how many customers of each segment on, so that a target number of
 * responses is reached within a budget at the lowest cost — a linear programme solved by Hipparchus' simplex — and
 * the sample test that checks the rates before the rollout.
 */
@NullMarked
package io.clientele.analytics.channelmix;

import org.jspecify.annotations.NullMarked;
