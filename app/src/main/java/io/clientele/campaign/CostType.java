package io.clientele.campaign;

/** The lines a campaign budget is planned and later accounted in. */
public enum CostType {
    CREATIVE,
    MEDIA,
    PRINT_AND_POSTAGE,
    MESSAGING,
    CALL_CENTRE,
    INCENTIVES,
    EVENTS,
    OTHER
}
