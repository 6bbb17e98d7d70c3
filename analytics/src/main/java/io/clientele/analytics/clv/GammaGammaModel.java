package io.clientele.analytics.clv;

import java.util.List;
import org.hipparchus.special.Gamma;

/**
 * Maximum-likelihood fit of {@link GammaGammaParameters} on the repeat buyers (frequency &gt; 0) only: BFGS over
 * the log-parameters with the analytic gradient; the log-gamma and digamma terms are computed once per distinct
 * frequency, so each customer costs one logarithm per evaluation.
 */
public final class GammaGammaModel {
    private static final double LOWER = Math.log(1e-8);
    private static final double UPPER = Math.log(1e8);

    private GammaGammaModel() {}

    public static ModelFit<GammaGammaParameters> fit(List<CustomerSummary> customers) {
        int[] x = new int[customers.size()];
        double[] m = new double[customers.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = customers.get(i).frequency();
            m[i] = customers.get(i).monetaryValue();
        }
        return fit(x, m);
    }

    /**
     * Fits on customer i's frequency and mean repeat spend; customers with frequency 0 are skipped, a repeat buyer's
     * mean spend must be positive.
     */
    public static ModelFit<GammaGammaParameters> fit(int[] frequency, double[] monetaryValue) {
        if (frequency.length != monetaryValue.length) {
            throw new ModelFitException("frequency and monetary value must have the same length, not "
                    + frequency.length + " and " + monetaryValue.length);
        }
        int n = 0;
        int maxX = 0;
        for (int i = 0; i < frequency.length; i++) {
            if (frequency[i] <= 0) continue;
            if (!(monetaryValue[i] > 0) || !Double.isFinite(monetaryValue[i])) {
                throw new ModelFitException("Gamma-Gamma needs a positive mean spend for every repeat buyer; customer #"
                        + i + " has frequency " + frequency[i] + " and monetary value " + monetaryValue[i]
                        + " (leave out customers whose repeat purchases net to zero or less)");
            }
            n++;
            maxX = Math.max(maxX, frequency[i]);
        }
        if (n < 2) {
            throw new ModelFitException("Gamma-Gamma needs the spend of at least 2 repeat buyers (frequency > 0); got "
                    + n + " among " + frequency.length + " customers");
        }
        int[] x = new int[n];
        double[] m = new double[n];
        double[] logM = new double[n];
        double[] logX = new double[n];
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int i = 0, j = 0; i < frequency.length; i++) {
            if (frequency[i] <= 0) continue;
            x[j] = frequency[i];
            m[j] = monetaryValue[i];
            logM[j] = Math.log(m[j]);
            logX[j] = Math.log(x[j]);
            sum += m[j];
            min = Math.min(min, m[j]);
            max = Math.max(max, m[j]);
            j++;
        }
        if (max == min) {
            throw new ModelFitException("Gamma-Gamma cannot be fitted: all " + n + " repeat buyers have the same mean"
                    + " spend " + min + ", so the spread between customers is not identified");
        }
        int finalMaxX = maxX;
        double[] start = {0, Math.log(2), Math.log(sum / n)};
        Bfgs.Result result = Bfgs.minimise(
                (phi, gradient) -> negativeMeanLogLikelihood(x, m, logM, logX, finalMaxX, phi, gradient),
                start,
                LOWER,
                UPPER,
                1e-8);
        Fits.requireConverged("Gamma-Gamma", result.converged(), result.x(), LOWER, UPPER, "p, q, gamma");
        double[] p = Bfgs.exp(result.x());
        return new ModelFit<>(
                new GammaGammaParameters(p[0], p[1], p[2]), -result.value() * n, n, n, result.iterations());
    }

    private static double negativeMeanLogLikelihood(
            int[] x, double[] m, double[] logM, double[] logX, int maxX, double[] phi, double[] gradient) {
        double p = Math.exp(phi[0]), q = Math.exp(phi[1]), gamma = Math.exp(phi[2]);
        // per frequency: ln Γ(px+q) − ln Γ(px), x(ψ(px+q) − ψ(px)), ψ(px+q)
        double[] lg = new double[maxX + 1];
        double[] dp = new double[maxX + 1];
        double[] psi = new double[maxX + 1];
        for (int k = 1; k <= maxX; k++) {
            double px = p * k;
            lg[k] = Gamma.logGamma(px + q) - Gamma.logGamma(px);
            psi[k] = Gamma.digamma(px + q);
            dp[k] = k * (psi[k] - Gamma.digamma(px));
        }
        double logGamma = Math.log(gamma);
        double[] sums = Chunks.sum(x.length, 4, (from, to, s) -> {
            for (int i = from; i < to; i++) {
                int k = x[i];
                double px = p * k;
                double logTotal = Math.log(gamma + m[i] * k);
                s[0] += lg[k] + (px - 1) * logM[i] + px * logX[i] - (px + q) * logTotal;
                s[1] += dp[k] + k * (logM[i] + logX[i] - logTotal);
                s[2] += psi[k] - logTotal;
                s[3] += (px + q) / (gamma + m[i] * k);
            }
        });
        int n = x.length;
        double value = sums[0] / n - Gamma.logGamma(q) + q * logGamma;
        gradient[0] = -p * sums[1] / n;
        gradient[1] = -q * (sums[2] / n - Gamma.digamma(q) + logGamma);
        gradient[2] = -gamma * (q / gamma - sums[3] / n);
        return -value;
    }
}
