package io.clientele.roi;

/**
 * How a period cost is shared among the campaigns that ran in the period (launched, their dates overlapping it):
 * in proportion to their messages sent in the period, to their direct cost in the period (costs booked with a date
 * in it and contacts sent in it), to their attributed revenue (last touch, the default window), evenly, or by
 * explicit percentages that sum to 100.
 */
public enum AllocationRule {
    BY_CONTACTS,
    BY_DIRECT_COST,
    BY_REVENUE,
    EVEN,
    SHARES
}
