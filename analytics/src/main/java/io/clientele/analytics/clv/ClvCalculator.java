package io.clientele.analytics.clv;

/**
 * Lifetime value from a repeat-purchase model and the Gamma-Gamma spend model:
 *
 * <pre>
 * CLV = margin · E[spend | x, m] · Σ_{k=1..K} (E[Y(k·L) | x, tx, T] − E[Y((k−1)·L) | x, tx, T]) / (1 + d)^k
 * </pre>
 *
 * where E[Y(t) | …] is the model's expected number of repeat purchases in the next t periods, L the periods per
 * month, K the horizon in months and d the monthly discount rate: the purchases expected in month k are discounted
 * as if made at its end.
 */
public final class ClvCalculator {
    private final RepeatPurchaseModel model;
    private final GammaGammaParameters spend;
    private final ClvSettings settings;

    public ClvCalculator(RepeatPurchaseModel model, GammaGammaParameters spend, ClvSettings settings) {
        this.model = model;
        this.spend = spend;
        this.settings = settings;
    }

    /** Σ_k (expected purchases in month k) / (1 + d)^k: what CLV multiplies by margin and expected spend. */
    public double discountedPurchases(int x, double tx, double age) {
        return model.probabilityAlive(x, tx, age) * discountedPurchasesIfAlive(x, age);
    }

    /** {@link #discountedPurchases} for a customer known to be alive at T; it does not depend on the recency. */
    public double discountedPurchasesIfAlive(int x, double age) {
        double total = 0;
        double before = 0;
        double discount = 1;
        for (int k = 1; k <= settings.months(); k++) {
            double cumulative = model.expectedPurchasesIfAlive(x, age, k * settings.periodsPerMonth());
            discount /= 1 + settings.monthlyDiscountRate();
            total += (cumulative - before) * discount;
            before = cumulative;
        }
        return total;
    }

    /** The customer's lifetime value over the horizon, in the currency of the monetary values. */
    public double lifetimeValue(int x, double tx, double age, double monetaryValue) {
        return settings.margin() * spend.expectedSpend(x, monetaryValue) * discountedPurchases(x, tx, age);
    }

    public double lifetimeValue(CustomerSummary c) {
        return lifetimeValue(c.frequency(), c.recency(), c.age(), c.monetaryValue());
    }

    /**
     * Scores every customer of {@code data} (in the order the data were built from): P(alive), expected purchases
     * over each horizon (in periods) and lifetime value. P(alive) is computed once per (x, tx, T) group, the
     * expectations of an active customer once per (x, T), over all cores.
     *
     * @param monetaryValue customer i's mean repeat spend (ignored where frequency is 0)
     */
    public Scores score(RepeatPurchaseData data, double[] monetaryValue, double... horizons) {
        if (monetaryValue.length != data.customers()) {
            throw new IllegalArgumentException(
                    "monetary values for " + monetaryValue.length + " customers, data for " + data.customers());
        }
        // what a customer expects while alive depends on (x, T) only: computed once per such cohort, then
        // multiplied by each group's P(alive)
        int cohorts = data.cohorts();
        double[][] ifAlive = new double[horizons.length][cohorts];
        double[] discountedIfAlive = new double[cohorts];
        Chunks.forEach(cohorts, c -> {
            int x = data.cohortFrequency(c);
            double age = data.cohortAge(c);
            for (int h = 0; h < horizons.length; h++)
                ifAlive[h][c] = model.expectedPurchasesIfAlive(x, age, horizons[h]);
            discountedIfAlive[c] = discountedPurchasesIfAlive(x, age);
        });
        int groups = data.groups();
        double[] alive = new double[groups];
        double[][] expected = new double[horizons.length][groups];
        double[] discounted = new double[groups];
        Chunks.forEach(groups, g -> {
            int c = data.cohortOf(g);
            alive[g] = model.probabilityAlive(data.frequency(g), data.recency(g), data.age(g));
            for (int h = 0; h < horizons.length; h++) expected[h][g] = alive[g] * ifAlive[h][c];
            discounted[g] = alive[g] * discountedIfAlive[c];
        });
        int n = (int) data.customers();
        double[] customerAlive = new double[n];
        double[][] customerExpected = new double[horizons.length][n];
        double[] value = new double[n];
        Chunks.forEach(n, i -> {
            int g = data.groupOf(i);
            customerAlive[i] = alive[g];
            for (int h = 0; h < horizons.length; h++) customerExpected[h][i] = expected[h][g];
            value[i] = settings.margin() * spend.expectedSpend(data.frequency(g), monetaryValue[i]) * discounted[g];
        });
        return new Scores(horizons.clone(), customerAlive, customerExpected, value);
    }

    /**
     * Per-customer scores as arrays, customer i at index i.
     *
     * @param expectedPurchases {@code expectedPurchases[h][i]}: customer i's expected purchases over {@code horizons[h]}
     */
    public record Scores(
            double[] horizons, double[] probabilityAlive, double[][] expectedPurchases, double[] lifetimeValue) {}
}
