/**
 * Price and profit: price elasticity from observed prices and units (log-log least squares with a confidence
 * interval, or a plain "not enough price variation"), expected units, revenue and profit at a price, and the
 * profit-maximising price within a range given the unit cost.
 */
@NullMarked
package io.clientele.analytics.pricing;

import org.jspecify.annotations.NullMarked;
