package io.clientele.analytics.value;

/** How many customers a group holds and what they bring (revenue and profit in the lookback, in cents). */
public record GroupFigures(long customers, long revenueCents, long profitCents) {
    public static final GroupFigures EMPTY = new GroupFigures(0, 0, 0);

    GroupFigures plus(long revenue, long profit) {
        return new GroupFigures(customers + 1, revenueCents + revenue, profitCents + profit);
    }
}
