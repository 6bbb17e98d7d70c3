package io.clientele.demo.generator;

/**
 * The planted customer groups, decided by the customer number n alone (external id C0000123 has n = 123):
 * with r = (37 n) mod 100, r 0-14 is a prospect (15%), r 15-16 a lapsed big spender (2%), r 17-19 a new customer
 * (3%), r 20 a silent one-time buyer (1%), and everyone else regular. Multiplying by 37 spreads each group evenly
 * over the numbers.
 */
enum PlantedSegment {
    /** Signed up, never bought. */
    PROSPECT,
    /** Bought often and much, then stopped 200-400 days before as-of. */
    LAPSED_BIG_SPENDER,
    /** Joined in the last 60 days, one or two purchases. */
    NEW_CUSTOMER,
    /** Bought once, 400-700 days before as-of, and never again: whom a model should not call surely active. */
    SILENT_ONE_TIME_BUYER,
    /** Pareto/NBD repeat buying. */
    REGULAR;

    static PlantedSegment of(long customerNumber) {
        int residue = (int) (customerNumber * 37 % 100);
        if (residue < 15) {
            return PROSPECT;
        }
        if (residue < 17) {
            return LAPSED_BIG_SPENDER;
        }
        if (residue < 20) {
            return NEW_CUSTOMER;
        }
        if (residue < 21) {
            return SILENT_ONE_TIME_BUYER;
        }
        return REGULAR;
    }
}
