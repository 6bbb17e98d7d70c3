package io.clientele.analytics.clv;

import java.util.List;

/**
 * Maximum-likelihood fit of {@link BgNbdParameters}: BFGS over the log-parameters with the analytic gradient,
 * one likelihood term per (frequency, recency, T) group weighted by its size. The terms that depend on the
 * frequency only (log-gamma and digamma differences) are computed once per distinct frequency.
 */
public final class BgNbdModel {
    private static final double LOWER = Math.log(1e-8);
    private static final double UPPER = Math.log(1e8);

    private BgNbdModel() {}

    public static ModelFit<BgNbdParameters> fit(List<CustomerSummary> customers) {
        return fit(RepeatPurchaseData.of(customers));
    }

    public static ModelFit<BgNbdParameters> fit(RepeatPurchaseData data) {
        data.requireFittable("BG/NBD");
        double total = data.customers();
        double alpha0 = data.meanAge() * total / Math.max(1, data.totalFrequency());
        double[] start = {0, Math.log(Math.max(alpha0, 1e-3)), 0, 0};
        Bfgs.Result result = Bfgs.minimise(
                (phi, gradient) -> negativeMeanLogLikelihood(data, phi, gradient), start, LOWER, UPPER, 1e-7);
        double[] p = Bfgs.exp(result.x());
        Fits.requireConverged("BG/NBD", result.converged(), result.x(), LOWER, UPPER, "r, alpha, a, b");
        return new ModelFit<>(
                new BgNbdParameters(p[0], p[1], p[2], p[3]),
                -result.value() * total,
                data.customers(),
                data.groups(),
                result.iterations());
    }

    /** −(1/N) Σ w LL and its gradient in the log-parameters. */
    static double negativeMeanLogLikelihood(RepeatPurchaseData data, double[] phi, double[] gradient) {
        double r = Math.exp(phi[0]), alpha = Math.exp(phi[1]), a = Math.exp(phi[2]), b = Math.exp(phi[3]);
        int maxX = data.maxFrequency();
        // per frequency x: Σ_{k<x} ln(r+k), Σ 1/(r+k), Σ ln(b+k) − ln(a+b+k), and the a, b derivatives of that
        double[] lgR = new double[maxX + 1];
        double[] dgR = new double[maxX + 1];
        double[] lgB = new double[maxX + 1];
        double[] dA = new double[maxX + 1];
        double[] dB = new double[maxX + 1];
        for (int x = 1; x <= maxX; x++) {
            int k = x - 1;
            lgR[x] = lgR[k] + Math.log(r + k);
            dgR[x] = dgR[k] + 1 / (r + k);
            lgB[x] = lgB[k] + Math.log(b + k) - Math.log(a + b + k);
            dA[x] = dA[k] - 1 / (a + b + k);
            dB[x] = dB[k] + 1 / (b + k) - 1 / (a + b + k);
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
        double[] logB1 = new double[maxX + 1]; // ln(b + x − 1)
        double[] inverseB1 = new double[maxX + 1];
        for (int x = 1; x <= maxX; x++) {
            logB1[x] = Math.log(b + x - 1);
            inverseB1[x] = 1 / (b + x - 1);
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
                if (x == 0) {
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
                s[2] += w * ((r + x) * (w3 * inverseTime[ti] + (x == 0 ? 0 : w4 * inverseTime[txi])));
                s[3] += w * (dA[x] + w4 / a);
                s[4] += w * (dB[x] - (x == 0 ? 0 : w4 * inverseB1[x]));
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
