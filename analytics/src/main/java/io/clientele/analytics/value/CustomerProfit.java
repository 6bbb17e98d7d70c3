package io.clientele.analytics.value;

/**
 * A customer's profit: revenue (net of returns) minus the cost of the goods, minus the direct costs of serving them
 * (campaign contacts, the booked costs of the campaigns that contacted them) and their share of allocated indirect
 * costs: the net profit a scoring run may grade on.
 */
public record CustomerProfit(long revenueCents, long costOfGoodsCents, long directCostCents, long indirectCostCents) {
    public long grossProfitCents() {
        return revenueCents - costOfGoodsCents;
    }

    public long profitCents() {
        return grossProfitCents() - directCostCents - indirectCostCents;
    }
}
