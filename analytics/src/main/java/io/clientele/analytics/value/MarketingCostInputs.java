package io.clientele.analytics.value;

/**
 * Per customer (same numbering as the {@link PurchaseLog}): their share of direct marketing costs (their contacts,
 * and the booked costs of the campaigns that contacted them) and of allocated indirect costs, in cents, over the
 * scoring lookback.
 */
public record MarketingCostInputs(long[] directCents, long[] allocatedCents) {
    public MarketingCostInputs {
        if (directCents.length != allocatedCents.length) {
            throw new IllegalArgumentException("marketing cost inputs must have one entry per customer in each array");
        }
    }

    public static MarketingCostInputs none(int customers) {
        return new MarketingCostInputs(new long[customers], new long[customers]);
    }
}
