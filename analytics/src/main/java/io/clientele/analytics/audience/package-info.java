/**
 * The audience index: every customer's segment facts held in memory as columns over positions 0..n-1 (customers in
 * ascending id order), and the kernels that select the positions a condition holds for from a candidate set. It
 * knows nothing of conditions or SQL: the app decides which kernel a condition's leaf calls.
 */
@NullMarked
package io.clientele.analytics.audience;

import org.jspecify.annotations.NullMarked;
