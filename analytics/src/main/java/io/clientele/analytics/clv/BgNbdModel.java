package io.clientele.analytics.clv;

import java.util.List;

/**
 * Maximum-likelihood fit of {@link BgNbdParameters}: BFGS over the log-parameters with the analytic gradient,
 * one likelihood term per (frequency, recency, T) group weighted by its size. The terms that depend on the
 * frequency only (log-gamma and digamma differences) are computed once per distinct frequency. The same likelihood,
 * with one more drop-out opportunity, fits the MBG/NBD ({@link MbgNbdModel}).
 */
public final class BgNbdModel {
    private static final double LOWER = Math.log(1e-8);
    private static final double UPPER = Math.log(1e8);

    private BgNbdModel() {}

    public static ModelFit<BgNbdParameters> fit(List<CustomerSummary> customers) {
        return fit(RepeatPurchaseData.of(customers));
    }

    public static ModelFit<BgNbdParameters> fit(RepeatPurchaseData data) {
        double[] p = fit("BG/NBD", data, 0);
        return new ModelFit<>(
                new BgNbdParameters(p[0], p[1], p[2], p[3]), p[4], data.customers(), data.groups(), (int) p[5]);
    }

    /**
     * Fits the BG/NBD likelihood where a customer with x repeat purchases had x + {@code opportunities} chances to
     * drop out (0: after each repeat purchase; 1: also right after the first, the MBG/NBD).
     *
     * @return r, α, a, b, the summed log-likelihood and the iterations
     */
    static double[] fit(String model, RepeatPurchaseData data, int opportunities) {
        data.requireFittable(model);
        double total = data.customers();
        double alpha0 = data.meanAge() * total / Math.max(1, data.totalFrequency());
        double[] start = {0, Math.log(Math.max(alpha0, 1e-3)), 0, 0};
        Bfgs.Result result = Bfgs.minimise(
                (phi, gradient) -> negativeMeanLogLikelihood(data, phi, gradient, opportunities),
                start,
                LOWER,
                UPPER,
                1e-7);
        double[] p = Bfgs.exp(result.x());
        Fits.requireConverged(model, result.converged(), result.x(), LOWER, UPPER, "r, alpha, a, b");
        return new double[] {p[0], p[1], p[2], p[3], -result.value() * total, result.iterations()};
    }

    /** −(1/N) Σ w LL of the BG/NBD and its gradient in the log-parameters. */
    static double negativeMeanLogLikelihood(RepeatPurchaseData data, double[] phi, double[] gradient) {
        return negativeMeanLogLikelihood(data, phi, gradient, 0);
    }

    /**
     * −(1/N) Σ w LL and its gradient, with x + {@code opportunities} drop-out chances behind a customer: the
     * likelihood is (α+T)^−(r+x) Π_{k<x+o} (b+k)/(a+b+k) + (α+tx)^−(r+x) a/(b+x−1+o) Π_{k<x+o} …, times
     * Γ(r+x) α^r / Γ(r); the second term (dropped out after the last purchase) exists when x + o > 0.
     */
    static double negativeMeanLogLikelihood(
            RepeatPurchaseData data, double[] phi, double[] gradient, int opportunities) {
        double r = Math.exp(phi[0]), alpha = Math.exp(phi[1]), a = Math.exp(phi[2]), b = Math.exp(phi[3]);
        int maxX = data.maxFrequency();
        int o = opportunities;
        // per frequency x: Σ_{k<x} ln(r+k), Σ 1/(r+k), Σ_{k<x+o} ln(b+k) − ln(a+b+k), and its a, b derivatives
        double[] lgR = new double[maxX + 1];
        double[] dgR = new double[maxX + 1];
        double[] lgB = new double[maxX + 1];
        double[] dA = new double[maxX + 1];
        double[] dB = new double[maxX + 1];
        for (int k = 0; k < o; k++) {
            lgB[0] += Math.log(b + k) - Math.log(a + b + k);
            dA[0] -= 1 / (a + b + k);
            dB[0] += 1 / (b + k) - 1 / (a + b + k);
        }
        for (int x = 1; x <= maxX; x++) {
            int k = x - 1;
            int kb = k + o;
            lgR[x] = lgR[k] + Math.log(r + k);
            dgR[x] = dgR[k] + 1 / (r + k);
            lgB[x] = lgB[k] + Math.log(b + kb) - Math.log(a + b + kb);
            dA[x] = dA[k] - 1 / (a + b + kb);
            dB[x] = dB[k] + 1 / (b + kb) - 1 / (a + b + kb);
        }
        double logAlpha = Math.log(alpha);
        double logA = Math.log(a);
        double[] times = data.times();
        double[] logTime = new double[times.length]; // ln(α + t) for each distinct recency and T
        double[] inverseTime = new double[times.length];
        for (int j = 0; j < times.length; j++) {
            logTime[j] = Math.log(alpha + times[j]);
            inverseTime[j] = 1 / (alpha + times[j]);
        }
        double[] logB1 = new double[maxX + 1]; // ln(b + x − 1 + o)
        double[] inverseB1 = new double[maxX + 1];
        for (int x = 1 - o; x <= maxX; x++) {
            logB1[x] = Math.log(b + x - 1 + o);
            inverseB1[x] = 1 / (b + x - 1 + o);
        }
        double[] sums = Chunks.sum(data.groups(), 5, (from, to, s) -> {
            for (int g = from; g < to; g++) {
                int x = data.frequency(g);
                double w = data.weight(g);
                int ti = data.ageTime(g);
                double logT = logTime[ti];
                double a3 = -(r + x) * logT;
                double ll;
                double w4 = 0;
                double logTx = 0;
                int txi = 0;
                boolean droppedOut = x + o > 0;
                if (!droppedOut) {
                    ll = a3;
                } else {
                    txi = data.recencyTime(g);
                    logTx = logTime[txi];
                    double a4 = logA - logB1[x] - (r + x) * logTx;
                    // ll = ln(e^a3 + e^a4), w4 = e^a4 / (e^a3 + e^a4), with one exp and one log1p
                    double d = a4 - a3;
                    if (d < 0) {
                        double e = Math.exp(d);
                        ll = a3 + Math.log1p(e);
                        w4 = e / (1 + e);
                    } else {
                        double e = Math.exp(-d);
                        ll = a4 + Math.log1p(e);
                        w4 = 1 / (1 + e);
                    }
                }
                double w3 = 1 - w4;
                s[0] += w * (ll + lgR[x] + lgB[x]);
                s[1] += w * (dgR[x] - w3 * logT - w4 * logTx);
                s[2] += w * ((r + x) * (w3 * inverseTime[ti] + (droppedOut ? w4 * inverseTime[txi] : 0)));
                s[3] += w * (dA[x] + w4 / a);
                s[4] += w * (dB[x] - (droppedOut ? w4 * inverseB1[x] : 0));
            }
        });
        double n = data.customers();
        double value = sums[0] / n + r * logAlpha;
        gradient[0] = -r * (sums[1] / n + logAlpha);
        gradient[1] = -alpha * (r / alpha - sums[2] / n);
        gradient[2] = -a * sums[3] / n;
        gradient[3] = -b * sums[4] / n;
        return -value;
    }
}
