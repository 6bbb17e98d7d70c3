package io.clientele.analytics.clv;

/**
 * A fitted model: its parameters, the maximised log-likelihood (summed over customers), how many customers and
 * distinct (frequency, recency, T) groups it was fitted on, and the optimiser's iterations or evaluations.
 */
public record ModelFit<P>(P parameters, double logLikelihood, long customers, int groups, int iterations) {}
