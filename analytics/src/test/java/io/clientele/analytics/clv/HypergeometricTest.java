package io.clientele.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HypergeometricTest {

    private static void assertRelative(double actual, double expected, double tolerance) {
        assertThat(Math.abs(actual - expected) / Math.abs(expected))
                .as("%s against %s", actual, expected)
                .isLessThan(tolerance);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e-8, 0.1, 0.5, 0.89, 0.9, 0.91, 0.95, 0.999, 0.999999, 1 - 1e-12, -0.5, -5, -1e3, -1e8})
    void logarithmClosedForm(double z) {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z; c - a - b = 0 is an integer, the hardest case of the 1 - z formula
        assertRelative(Hypergeometric.value(1, 1, 2, z), -Math.log1p(-z) / z, 1e-9);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 0.75, 0.97, 0.9999, -3, -300})
    void binomialClosedForm(double z) {
        // 2F1(a, b; b; z) = (1 - z)^-a
        assertRelative(Hypergeometric.value(0.7, 2.3, 2.3, z), Math.pow(1 - z, -0.7), 1e-10);
        assertRelative(Hypergeometric.value(3.5, 1.25, 1.25, z), Math.pow(1 - z, -3.5), 1e-10);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.2, 0.5, 0.9, 0.99, 0.999999})
    void inverseTrigonometricClosedForms(double x) {
        // 2F1(1/2, 1/2; 3/2; x^2) = arcsin(x) / x and 2F1(1/2, 1; 3/2; -x^2) = arctan(x) / x
        assertRelative(Hypergeometric.value(0.5, 0.5, 1.5, x * x), Math.asin(x) / x, 1e-10);
        assertRelative(Hypergeometric.value(0.5, 1, 1.5, -x * x), Math.atan(x) / x, 1e-10);
        assertRelative(
                Hypergeometric.value(0.5, 1, 1.5, -1e6 * x), Math.atan(Math.sqrt(1e6 * x)) / Math.sqrt(1e6 * x), 1e-10);
    }

    @Test
    void gaussSumAtTheBranchPoint() {
        // 2F1(a, b; c; 1) = Γ(c) Γ(c-a-b) / (Γ(c-a) Γ(c-b)) when c - a - b > 0; the value at 1 - 1e-14 differs by
        // O((1e-14)^1.3) only
        double a = 0.7, b = 1.3, c = 3.3;
        double gauss =
                Math.exp(Gamma.logGamma(c) + Gamma.logGamma(c - a - b) - Gamma.logGamma(c - a) - Gamma.logGamma(c - b));
        assertRelative(Hypergeometric.value(a, b, c, 1 - 1e-14), gauss, 1e-9);
    }

    @Test
    void terminatingPolynomial() {
        // a = -2: 2F1(-2, b; c; z) = 1 - 2bz/c + b(b+1) z^2 / (c(c+1))
        double b = 1.7, c = 2.9;
        for (double z : new double[] {0.3, 0.95, -4}) {
            double expected = 1 - 2 * b * z / c + b * (b + 1) * z * z / (c * (c + 1));
            assertThat(Hypergeometric.value(-2, b, c, z)).isCloseTo(expected, within(1e-10));
        }
    }

    @Test
    void largeParametersStayFiniteInLogSpace() {
        // 2F1(a, b; b; z) = (1 - z)^-a also where the value overflows a double: a = 2000, z = 0.99 gives e^9210
        assertRelative(Hypergeometric.logValue(2000, 55.5, 55.5, 0.99), -2000 * Math.log(0.01), 1e-12);
        // purchase-count-sized parameters of the BG/NBD expectation, against the plain series at a small z
        double plain = plainSeries(0.9 + 80, 2.4 + 80, 0.8 + 2.4 + 80 - 1, 0.3);
        assertRelative(Hypergeometric.value(0.9 + 80, 2.4 + 80, 0.8 + 2.4 + 80 - 1, 0.3), plain, 1e-11);
    }

    @Test
    void continuousAcrossTheSwitchToTheOneMinusZFormula() {
        // seeded random parameters: just below and just above z = 0.97 the two methods agree
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 500; i++) {
            double a = 0.05 + 20 * random.nextDouble();
            double b = 0.05 + 20 * random.nextDouble();
            double c = 0.05 + 20 * random.nextDouble();
            double below = Hypergeometric.logValue(a, b, c, 0.97 - 1e-12);
            double above = Hypergeometric.logValue(a, b, c, 0.97 + 1e-12);
            assertThat(above - below)
                    .as("a=%s b=%s c=%s", a, b, c)
                    .isCloseTo(0, within(1e-8 * Math.max(1, Math.abs(below))));
        }
    }

    @Test
    void nearIntegerDifferencesAreSmooth() {
        // c - a - b = -1 + d for d around 0: the value changes smoothly through the interpolated band
        double previous = Double.NaN;
        for (double d = -3e-5; d <= 3e-5; d += 5e-6) {
            double v = Hypergeometric.value(1.5, 2.0, 2.5 + d, 0.97);
            if (!Double.isNaN(previous)) {
                assertRelative(v, previous, 1e-4);
            }
            previous = v;
        }
        // and matches the plain power series (slow but exact enough at z = 0.97 with 20,000 terms)
        assertRelative(Hypergeometric.value(1.5, 2.0, 2.5, 0.97), plainSeries(1.5, 2.0, 2.5, 0.97), 1e-9);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> Hypergeometric.value(1, 1, 2, 1)).hasMessageContaining("z < 1");
        assertThatThrownBy(() -> Hypergeometric.value(1, 1, -2, 0.5)).hasMessageContaining("non-positive integer");
        assertThatThrownBy(() -> Hypergeometric.value(Double.NaN, 1, 2, 0.5)).hasMessageContaining("finite");
    }

    private static double plainSeries(double a, double b, double c, double z) {
        double term = 1, sum = 1;
        for (int n = 0; n < 200_000; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.abs(term) < 1e-18 * Math.abs(sum) && n > 10) break;
        }
        return sum;
    }
}
