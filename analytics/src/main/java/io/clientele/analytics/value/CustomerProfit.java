package io.clientele.analytics.value;

/**
 * A customer's profit: revenue (net of returns) minus the cost of the goods, minus the direct costs of serving them
 * (campaign contacts, coupons) and their share of indirect costs. The scoring run has no costs beyond the goods yet;
 * the campaign feature passes its costs through this same calculation.
 */
public record CustomerProfit(long revenueCents, long costOfGoodsCents, long directCostCents, long indirectCostCents) {
    public long grossProfitCents() {
        return revenueCents - costOfGoodsCents;
    }

    public long profitCents() {
        return grossProfitCents() - directCostCents - indirectCostCents;
    }
}
