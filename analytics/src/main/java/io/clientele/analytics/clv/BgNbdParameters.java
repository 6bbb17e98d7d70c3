package io.clientele.analytics.clv;

/**
 * BG/NBD (Fader, Hardie and Lee 2005): while active a customer buys at a Poisson rate λ ~ Gamma(r, α); after each
 * purchase they drop out with probability p ~ Beta(a, b). Rates are per period.
 */
public record BgNbdParameters(double r, double alpha, double a, double b) implements RepeatPurchaseModel {
    public BgNbdParameters {
        if (!(r > 0) || !(alpha > 0) || !(a > 0) || !(b > 0) || !Double.isFinite(r + alpha + a + b)) {
            throw new IllegalArgumentException("BG/NBD parameters must be positive and finite: r=" + r + ", alpha="
                    + alpha + ", a=" + a + ", b=" + b);
        }
    }

    @Override
    public String name() {
        return "bgnbd";
    }

    @Override
    public boolean judgesOneTimeBuyers() {
        return false;
    }

    @Override
    public double logLikelihood(int x, double tx, double age) {
        double a2 = 0;
        double a1 = r * Math.log(alpha);
        for (int k = 0; k < x; k++) {
            a1 += Math.log(r + k);
            a2 += Math.log(b + k) - Math.log(a + b + k);
        }
        double a3 = -(r + x) * Math.log(alpha + age);
        if (x == 0) {
            return a1 + a2 + a3;
        }
        double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
        return a1 + a2 + logSumExp(a3, a4);
    }

    static double logSumExp(double u, double v) {
        return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
    }

    @Override
    public double probabilityAlive(int x, double tx, double age) {
        if (x == 0) {
            return 1;
        }
        double logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + age) - Math.log(alpha + tx));
        return 1 / (1 + Math.exp(logOdds));
    }

    @Override
    public double expectedPurchasesIfAlive(int x, double age, double t) {
        requireHorizon(t);
        if (t == 0) return 0;
        double aa = nudged(a);
        double z = t / (alpha + age + t);
        double h = Hypergeometric.logValue(r + x, b + x, aa + b + x - 1, z) + (r + x) * Math.log1p(-z);
        return Math.max(0, (aa + b + x - 1) / (aa - 1) * -Math.expm1(h));
    }

    @Override
    public double expectedPurchasesOfNewCustomer(double t) {
        requireHorizon(t);
        if (t == 0) return 0;
        double aa = nudged(a);
        double z = t / (alpha + t);
        double h = Hypergeometric.logValue(r, b, aa + b - 1, z) + r * Math.log1p(-z);
        return Math.max(0, (aa + b - 1) / (aa - 1) * -Math.expm1(h));
    }

    /** The closed forms divide by a − 1; at a = 1 they have a finite limit, taken a hair away from 1. */
    private static double nudged(double a) {
        return Math.abs(a - 1) < 1e-7 ? 1 + Math.copySign(1e-7, a - 1) : a;
    }

    static void requireHorizon(double t) {
        if (!(t >= 0) || !Double.isFinite(t)) {
            throw new IllegalArgumentException("the horizon t must be finite and >= 0, not " + t);
        }
    }
}
