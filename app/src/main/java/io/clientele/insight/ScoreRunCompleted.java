package io.clientele.insight;

import java.time.LocalDate;

/**
 * Published after a scoring run's scores are committed, in the thread that ran it, so that other features refresh
 * what they derive from the run (merchandising's next best products) without insight depending on them. A
 * listener's failure is logged by the runner; the run stays completed.
 */
public record ScoreRunCompleted(long runId, LocalDate asOf) {}
