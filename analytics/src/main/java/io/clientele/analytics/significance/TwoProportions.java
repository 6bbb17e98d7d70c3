package io.clientele.analytics.significance;

import org.hipparchus.special.Erf;

/**
 * The two-sided, pooled two-proportion z-test: did group B's rate differ from group A's by more than chance? With
 * {@code successesA} of {@code trialsA} and {@code successesB} of {@code trialsB}; a group without trials, or no
 * variation at all (every trial a success or none), gives p = 1.
 */
public record TwoProportions(long successesA, long trialsA, long successesB, long trialsB) {

    public TwoProportions {
        if (successesA < 0 || successesB < 0 || successesA > trialsA || successesB > trialsB) {
            throw new IllegalArgumentException("successes must lie between 0 and the trials");
        }
    }

    public double rateA() {
        return trialsA == 0 ? 0 : (double) successesA / trialsA;
    }

    public double rateB() {
        return trialsB == 0 ? 0 : (double) successesB / trialsB;
    }

    public double pValue() {
        if (trialsA == 0 || trialsB == 0) {
            return 1;
        }
        double pooled = (double) (successesA + successesB) / (trialsA + trialsB);
        double variance = pooled * (1 - pooled) * (1.0 / trialsA + 1.0 / trialsB);
        if (variance == 0) {
            return 1;
        }
        double z = Math.abs(rateB() - rateA()) / Math.sqrt(variance);
        // two-sided: 2 (1 − Φ(|z|)) = erfc(|z| / √2)
        return Erf.erfc(z / Math.sqrt(2));
    }

    /** Which group wins at the significance level: the better rate when the difference is significant, else none. */
    public Winner winner(double significance) {
        if (pValue() >= significance || rateA() == rateB()) {
            return Winner.NONE;
        }
        return rateB() > rateA() ? Winner.B : Winner.A;
    }

    public enum Winner {
        A,
        B,
        NONE
    }
}
