package io.clientele.analytics.clv;

/**
 * Pareto/NBD (Schmittlein, Morrison and Colombo 1987): while active a customer buys at a Poisson rate
 * λ ~ Gamma(r, α) and stays active for an exponential lifetime with rate μ ~ Gamma(s, β). Rates are per period.
 */
public record ParetoNbdParameters(double r, double alpha, double s, double beta) implements RepeatPurchaseModel {
    public ParetoNbdParameters {
        if (!(r > 0) || !(alpha > 0) || !(s > 0) || !(beta > 0) || !Double.isFinite(r + alpha + s + beta)) {
            throw new IllegalArgumentException("Pareto/NBD parameters must be positive and finite: r=" + r + ", alpha="
                    + alpha + ", s=" + s + ", beta=" + beta);
        }
    }

    @Override
    public String name() {
        return "paretonbd";
    }

    @Override
    public boolean judgesOneTimeBuyers() {
        return true;
    }

    @Override
    public double logLikelihood(int x, double tx, double age) {
        double lg = r * Math.log(alpha) + s * Math.log(beta);
        for (int k = 0; k < x; k++) lg += Math.log(r + k);
        return lg + logLikelihoodRest(r, alpha, s, beta, x, tx, age);
    }

    /**
     * The part of the log-likelihood after ln Γ(r+x)/Γ(r) + r ln α + s ln β: the log of
     * 1/((α+T)^(r+x) (β+T)^s) + s/(r+s+x) · A0, where A0 is the integral over the dropout time in (tx, T].
     */
    static double logLikelihoodRest(double r, double alpha, double s, double beta, int x, double tx, double age) {
        double l1 = -(r + x) * Math.log(alpha + age) - s * Math.log(beta + age);
        double logA0 = logA0(r, alpha, s, beta, x, tx, age);
        if (logA0 == Double.NEGATIVE_INFINITY) return l1;
        return BgNbdParameters.logSumExp(l1, Math.log(s / (r + s + x)) + logA0);
    }

    /**
     * ln A0 with A0 = F(tx) − F(T) (Fader and Hardie's note on the Pareto/NBD likelihood), F(y) = 2F1(r+s+x,
     * s+1; r+s+x+1; (α−β)/(α+y)) / (α+y)^(r+s+x) when α ≥ β, and with (β−α)/(β+y), r+x and β+y otherwise.
     * F falls in y, so the difference is taken in log space; −∞ when tx = T.
     */
    static double logA0(double r, double alpha, double s, double beta, int x, double tx, double age) {
        double logTx = logF(r, alpha, s, beta, x, tx);
        double logT = logF(r, alpha, s, beta, x, age);
        double diff = logT - logTx;
        if (!(diff < 0)) return Double.NEGATIVE_INFINITY;
        return logTx + Math.log(-Math.expm1(diff));
    }

    private static double logF(double r, double alpha, double s, double beta, int x, double y) {
        double c = r + s + x;
        if (alpha >= beta) {
            return Hypergeometric.logValue(c, s + 1, c + 1, (alpha - beta) / (alpha + y)) - c * Math.log(alpha + y);
        }
        return Hypergeometric.logValue(c, r + x, c + 1, (beta - alpha) / (beta + y)) - c * Math.log(beta + y);
    }

    @Override
    public double probabilityAlive(int x, double tx, double age) {
        double logA0 = logA0(r, alpha, s, beta, x, tx, age);
        if (logA0 == Double.NEGATIVE_INFINITY) return 1;
        double logOdds = Math.log(s / (r + s + x)) + (r + x) * Math.log(alpha + age) + s * Math.log(beta + age) + logA0;
        return 1 / (1 + Math.exp(logOdds));
    }

    @Override
    public double expectedPurchasesIfAlive(int x, double age, double t) {
        BgNbdParameters.requireHorizon(t);
        if (t == 0) return 0;
        return (r + x) * (beta + age) / (alpha + age) * powerIntegral(s - 1, t / (beta + age));
    }

    @Override
    public double expectedPurchasesOfNewCustomer(double t) {
        BgNbdParameters.requireHorizon(t);
        if (t == 0) return 0;
        return r / alpha * beta * powerIntegral(s - 1, t / beta);
    }

    /** (1 − (1+u)^−k) / k, and its limit ln(1+u) at k = 0. */
    static double powerIntegral(double k, double u) {
        double log1pU = Math.log1p(u);
        if (Math.abs(k * log1pU) < 1e-12) return log1pU;
        return -Math.expm1(-k * log1pU) / k;
    }
}
