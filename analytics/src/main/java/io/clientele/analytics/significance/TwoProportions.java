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

    /** B's rate less A's. */
    public double difference() {
        return rateB() - rateA();
    }

    /** The test statistic, signed as the difference; 0 without trials in both groups or without any variation. */
    public double z() {
        if (trialsA == 0 || trialsB == 0) {
            return 0;
        }
        double pooled = (double) (successesA + successesB) / (trialsA + trialsB);
        double variance = pooled * (1 - pooled) * (1.0 / trialsA + 1.0 / trialsB);
        return variance == 0 ? 0 : difference() / Math.sqrt(variance);
    }

    public double pValue() {
        // two-sided: 2 (1 − Φ(|z|)) = erfc(|z| / √2); z = 0 (no trials, no variation) gives 1
        return Erf.erfc(Math.abs(z()) / Math.sqrt(2));
    }

    /**
     * The 95 % interval of the difference, by the normal approximation with each group's own variance (the Wald
     * interval; the test pools them because it assumes no difference, the interval does not): difference ±
     * 1.96 · √(p_A(1 − p_A)/n_A + p_B(1 − p_B)/n_B). Needs trials in both groups.
     */
    public double lower95() {
        return difference() - MeanDifference.Z95 * standardError();
    }

    public double upper95() {
        return difference() + MeanDifference.Z95 * standardError();
    }

    private double standardError() {
        if (trialsA == 0 || trialsB == 0) {
            throw new IllegalStateException("both groups need trials for an interval");
        }
        return Math.sqrt(rateA() * (1 - rateA()) / trialsA + rateB() * (1 - rateB()) / trialsB);
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
