package io.clientele.analytics.clv;

import org.hipparchus.special.Gamma;

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for real arguments and z &lt; 1, accurate also as z approaches
 * 1 and for large parameters (many purchases), where the plain power series converges too slowly or overflows.
 *
 * <p>The evaluation: z &lt; 0 is mapped into (0, 1) by Pfaff's transformation; Euler's transformation is applied
 * when it makes the numerator parameters smaller (in the repeat-buying models it removes the purchase count from
 * them); for z up to 0.97 the power series is summed with a running scale factor so it cannot overflow; above 0.97
 * the 1 − z transformation (Abramowitz and Stegun 15.3.6) sums two series in 1 − z. When c − a − b is within
 * 1e-4 of an integer that formula has cancelling poles, so it is evaluated at c − a − b = k ± 1e-4, k ± 2e-4 and
 * interpolated (cubic, in log space); the closed-form tests hold to 1e-9 relative there, 1e-10 elsewhere.
 */
public final class Hypergeometric {
    private static final double SERIES_LIMIT = 0.97;
    private static final double NEAR_INTEGER = 1e-4;
    private static final int MAX_TERMS = 200_000;
    private static final double RESCALE = 1e200;
    private static final double LOG_RESCALE = Math.log(RESCALE);

    private Hypergeometric() {}

    /** 2F1(a, b; c; z). */
    public static double value(double a, double b, double c, double z) {
        Signed result = evaluate(a, b, c, z);
        return result.sign() * Math.exp(result.log());
    }

    /**
     * The natural logarithm of 2F1(a, b; c; z), for arguments where the function is positive (for example all of
     * a, b, c positive and 0 ≤ z &lt; 1); it stays finite where the value itself would overflow.
     */
    public static double logValue(double a, double b, double c, double z) {
        Signed result = evaluate(a, b, c, z);
        if (result.sign() <= 0) {
            throw new ArithmeticException(
                    "2F1(" + a + ", " + b + "; " + c + "; " + z + ") is not positive, it has no logarithm");
        }
        return result.log();
    }

    /** A value as its sign (−1, 0 or 1) and the logarithm of its magnitude. */
    record Signed(double sign, double log) {
        static final Signed ZERO = new Signed(0, Double.NEGATIVE_INFINITY);

        static Signed of(double value) {
            return new Signed(Math.signum(value), Math.log(Math.abs(value)));
        }

        Signed times(double logFactor, double signFactor) {
            return sign == 0 ? ZERO : new Signed(sign * signFactor, log + logFactor);
        }

        Signed plus(Signed other) {
            if (sign == 0) return other;
            if (other.sign == 0) return this;
            double max = Math.max(log, other.log);
            double sum = sign * Math.exp(log - max) + other.sign * Math.exp(other.log - max);
            return sum == 0 ? ZERO : new Signed(Math.signum(sum), max + Math.log(Math.abs(sum)));
        }
    }

    static Signed evaluate(double a, double b, double c, double z) {
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c) || !Double.isFinite(z)) {
            throw new IllegalArgumentException("2F1 needs finite arguments: " + a + ", " + b + ", " + c + ", " + z);
        }
        if (!(z < 1)) {
            throw new IllegalArgumentException("2F1 is evaluated for z < 1 only, not z = " + z);
        }
        if (isNonPositiveInteger(c)) {
            throw new IllegalArgumentException("2F1 is undefined for c = " + c + " (a non-positive integer)");
        }
        if (z == 0 || a == 0 || b == 0) {
            return new Signed(1, 0);
        }
        if (z < 0) {
            // Pfaff: 2F1(a, b; c; z) = (1 - z)^-a 2F1(a, c - b; c; z / (z - 1)), and z / (z - 1) is in (0, 1)
            return evaluate(a, c - b, c, z / (z - 1)).times(-a * Math.log1p(-z), 1);
        }
        if (Math.abs(c - a) + Math.abs(c - b) < Math.abs(a) + Math.abs(b)) {
            // Euler: 2F1(a, b; c; z) = (1 - z)^(c - a - b) 2F1(c - a, c - b; c; z)
            return positive(c - a, c - b, c, z).times((c - a - b) * Math.log1p(-z), 1);
        }
        return positive(a, b, c, z);
    }

    /** For 0 &lt; z &lt; 1, without a further Euler step. */
    private static Signed positive(double a, double b, double c, double z) {
        if (z <= SERIES_LIMIT) {
            return series(a, b, c, z);
        }
        double m = c - a - b;
        double k = Math.rint(m);
        if (Math.abs(m - k) >= NEAR_INTEGER) {
            return oneMinusZ(a, b, c, z);
        }
        // cubic interpolation through c - a - b = k - 2h, k - h, k + h, k + 2h, where the formula is well defined
        double[] offsets = {-2, -1, 1, 2};
        Signed[] at = new Signed[4];
        boolean sameSign = true;
        for (int j = 0; j < 4; j++) {
            at[j] = oneMinusZ(a, b, c + (k + offsets[j] * NEAR_INTEGER - m), z);
            sameSign &= at[j].sign() != 0 && at[j].sign() == at[0].sign();
        }
        double u = (m - k) / NEAR_INTEGER;
        double result = 0;
        for (int j = 0; j < 4; j++) {
            double weight = 1;
            for (int i = 0; i < 4; i++) {
                if (i != j) weight *= (u - offsets[i]) / (offsets[j] - offsets[i]);
            }
            result += weight * (sameSign ? at[j].log() : value(at[j]));
        }
        return sameSign ? new Signed(at[0].sign(), result) : Signed.of(result);
    }

    private static double value(Signed s) {
        return s.sign() * Math.exp(s.log());
    }

    /** Abramowitz and Stegun 15.3.6, for c − a − b not an integer. */
    private static Signed oneMinusZ(double a, double b, double c, double z) {
        double w = 1 - z;
        double m = c - a - b;
        Signed first = series(a, b, 1 - m, w)
                .times(logAbsGamma(c) + logAbsGamma(m), signGamma(c) * signGamma(m))
                .times(
                        -logAbsGamma(c - a) - logAbsGamma(c - b),
                        reciprocalGammaSign(c - a) * reciprocalGammaSign(c - b));
        Signed second = series(c - a, c - b, m + 1, w)
                .times(m * Math.log(w) + logAbsGamma(c) + logAbsGamma(-m), signGamma(c) * signGamma(-m))
                .times(-logAbsGamma(a) - logAbsGamma(b), reciprocalGammaSign(a) * reciprocalGammaSign(b));
        return first.plus(second);
    }

    /** The power series, with a running scale so that large terms cannot overflow. */
    static Signed series(double a, double b, double c, double z) {
        double term = 1;
        double sum = 1;
        double logScale = 0;
        for (int n = 0; n < MAX_TERMS; n++) {
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            sum += term;
            if (term == 0 || (Math.abs(term) <= 1e-17 * Math.abs(sum) && Math.abs(ratio) < 1)) {
                return Signed.of(sum).times(logScale, 1);
            }
            if (Math.abs(sum) > RESCALE || Math.abs(term) > RESCALE) {
                sum /= RESCALE;
                term /= RESCALE;
                logScale += LOG_RESCALE;
            }
        }
        throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge");
    }

    private static boolean isNonPositiveInteger(double x) {
        return x <= 0 && x == Math.rint(x);
    }

    /** log |Γ(x)|; for a pole (x a non-positive integer) the caller multiplies by a zero sign. */
    static double logAbsGamma(double x) {
        if (x > 0) {
            return Gamma.logGamma(x);
        }
        if (isNonPositiveInteger(x)) {
            return 0;
        }
        // reflection: Γ(x) Γ(1 - x) = π / sin(πx)
        return Math.log(Math.PI) - Math.log(Math.abs(Math.sin(Math.PI * x))) - Gamma.logGamma(1 - x);
    }

    private static double signGamma(double x) {
        if (x > 0) return 1;
        if (isNonPositiveInteger(x)) {
            throw new ArithmeticException("Γ has a pole at " + x);
        }
        return Math.floor(x) % 2 == 0 ? 1 : -1;
    }

    /** The sign of 1/Γ(x): zero at the poles, where the term it multiplies vanishes. */
    private static double reciprocalGammaSign(double x) {
        return isNonPositiveInteger(x) ? 0 : signGamma(x);
    }
}
