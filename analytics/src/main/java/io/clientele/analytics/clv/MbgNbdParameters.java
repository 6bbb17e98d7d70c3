package io.clientele.analytics.clv;

/**
 * MBG/NBD (Batislam, Denizel and Filiztekin 2007): the BG/NBD with a drop-out opportunity also at the first
 * purchase, so a customer who never bought again may have left at once and P(alive) of a one-time buyer falls with
 * the time since. While active a customer buys at a Poisson rate λ ~ Gamma(r, α); at the first purchase and after
 * each repeat purchase they drop out with probability p ~ Beta(a, b). Rates are per period.
 *
 * <p>A customer alive after x repeat purchases has survived x + 1 opportunities, so p's posterior is that of a
 * BG/NBD customer with b + 1: what they buy while alive is the BG/NBD's with b + 1.
 */
public record MbgNbdParameters(double r, double alpha, double a, double b) implements RepeatPurchaseModel {
    public MbgNbdParameters {
        if (!(r > 0) || !(alpha > 0) || !(a > 0) || !(b > 0) || !Double.isFinite(r + alpha + a + b)) {
            throw new IllegalArgumentException("MBG/NBD parameters must be positive and finite: r=" + r + ", alpha="
                    + alpha + ", a=" + a + ", b=" + b);
        }
    }

    @Override
    public String name() {
        return "mbgnbd";
    }

    /**
     * ln of Γ(r+x) α^r / Γ(r) · [B(a, b+x+1)/B(a, b) · (α+T)^−(r+x) + B(a+1, b+x)/B(a, b) · (α+tx)^−(r+x)].
     */
    @Override
    public double logLikelihood(int x, double tx, double age) {
        double a1 = r * Math.log(alpha);
        double a2 = 0;
        for (int k = 0; k < x; k++) a1 += Math.log(r + k);
        for (int k = 0; k <= x; k++) a2 += Math.log(b + k) - Math.log(a + b + k);
        double a3 = -(r + x) * Math.log(alpha + age);
        double a4 = Math.log(a) - Math.log(b + x) - (r + x) * Math.log(alpha + tx);
        return a1 + a2 + BgNbdParameters.logSumExp(a3, a4);
    }

    /** 1 / (1 + a/(b+x) · ((α+T)/(α+tx))^(r+x)): below 1 for one-time buyers too. */
    @Override
    public double probabilityAlive(int x, double tx, double age) {
        double logOdds = Math.log(a) - Math.log(b + x) + (r + x) * (Math.log(alpha + age) - Math.log(alpha + tx));
        return 1 / (1 + Math.exp(logOdds));
    }

    @Override
    public double expectedPurchasesIfAlive(int x, double age, double t) {
        return survivor().expectedPurchasesIfAlive(x, age, t);
    }

    /** b/(a+b) survive the first opportunity and then buy as the BG/NBD with b + 1 expects: b/(a−1) [1 − …]. */
    @Override
    public double expectedPurchasesOfNewCustomer(double t) {
        return b / (a + b) * survivor().expectedPurchasesOfNewCustomer(t);
    }

    @Override
    public boolean judgesOneTimeBuyers() {
        return true;
    }

    private BgNbdParameters survivor() {
        return new BgNbdParameters(r, alpha, a, b + 1);
    }
}
