package io.clientele.analytics.clv;

/**
 * A fitted repeat-purchase model (BG/NBD, MBG/NBD or Pareto/NBD): what it expects of a customer with frequency x,
 * recency tx and age T, all in periods. Every method returns a finite value for valid input or throws.
 */
public sealed interface RepeatPurchaseModel permits BgNbdParameters, MbgNbdParameters, ParetoNbdParameters {
    /** The model's short name: {@code bgnbd}, {@code mbgnbd} or {@code paretonbd}. */
    String name();

    /**
     * Whether P(alive) says anything about a customer without repeat purchases: the BG/NBD lets customers drop out
     * only after a repeat purchase, so to it every one-time buyer is alive (P = 1) however long they have been
     * silent.
     */
    boolean judgesOneTimeBuyers();

    /** The log-likelihood of one customer's (x, tx, T) under these parameters. */
    double logLikelihood(int x, double tx, double age);

    /** The probability that the customer is still active at T, in [0, 1]. */
    double probabilityAlive(int x, double tx, double age);

    /**
     * The expected number of repeat purchase periods in (T, T + t], given the history; 0 at t = 0, rising in t. In
     * every model this is {@code probabilityAlive(x, tx, T) · expectedPurchasesIfAlive(x, T, t)}.
     */
    default double expectedPurchases(int x, double tx, double age, double t) {
        return probabilityAlive(x, tx, age) * expectedPurchasesIfAlive(x, age, t);
    }

    /**
     * The expected number of repeat purchase periods in (T, T + t] of a customer known to be active at T; it does
     * not depend on the recency, so scores can share it between all customers with the same (x, T).
     */
    double expectedPurchasesIfAlive(int x, double age, double t);

    /** The expected number of repeat purchase periods in the first t periods of a new customer (unconditional). */
    double expectedPurchasesOfNewCustomer(double t);

    default double probabilityAlive(CustomerSummary c) {
        return probabilityAlive(c.frequency(), c.recency(), c.age());
    }

    default double expectedPurchases(CustomerSummary c, double t) {
        return expectedPurchases(c.frequency(), c.recency(), c.age(), t);
    }
}
