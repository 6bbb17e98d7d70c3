/**
 * Customer lifetime value: the BG/NBD, MBG/NBD and Pareto/NBD repeat-purchase models and the choice between them
 * by holdout accuracy, the Gamma-Gamma spend model, their maximum-likelihood fits, per-customer scores and holdout
 * validation. Arrays and records in, records out.
 */
@NullMarked
package io.clientele.analytics.clv;

import org.jspecify.annotations.NullMarked;
