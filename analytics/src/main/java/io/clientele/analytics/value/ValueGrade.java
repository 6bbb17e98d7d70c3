package io.clientele.analytics.value;

/** Value grades by cumulative share of profit, A the most valuable; see {@link GradeCutoffs}. */
public enum ValueGrade {
    A,
    B,
    C,
    D
}
