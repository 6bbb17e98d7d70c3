package io.clientele.analytics.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private static final int N = 200_000;

    private static double[] meanAndVariance(DoubleSupplier draw) {
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < N; i++) {
            double x = draw.getAsDouble();
            sum += x;
            sumSq += x * x;
        }
        double mean = sum / N;
        return new double[] {mean, sumSq / N - mean * mean};
    }

    @Test
    void gammaHasMeanShapeOverRateAndVarianceShapeOverRateSquared() {
        Sampler sampler = new Sampler(1);
        for (double[] shapeRate : new double[][] {{0.4, 2.0}, {1.0, 1.0}, {3.5, 0.5}}) {
            double shape = shapeRate[0];
            double rate = shapeRate[1];
            double[] mv = meanAndVariance(() -> sampler.gamma(shape, rate));
            assertThat(mv[0])
                    .as("mean of Gamma(%s,%s)", shape, rate)
                    .isCloseTo(shape / rate, within(0.02 * shape / rate));
            assertThat(mv[1])
                    .as("variance of Gamma(%s,%s)", shape, rate)
                    .isCloseTo(shape / (rate * rate), within(0.05 * shape / (rate * rate)));
        }
    }

    @Test
    void poissonMeanEqualsVariance() {
        Sampler sampler = new Sampler(2);
        double[] mv = meanAndVariance(() -> sampler.poisson(3.2));
        assertThat(mv[0]).isCloseTo(3.2, within(0.03));
        assertThat(mv[1]).isCloseTo(3.2, within(0.1));
    }

    @Test
    void exponentialHasMeanOneOverRate() {
        Sampler sampler = new Sampler(3);
        assertThat(meanAndVariance(() -> sampler.exponential(0.25))[0]).isCloseTo(4.0, within(0.05));
    }

    @Test
    void weightedPicksInProportion() {
        Sampler sampler = new Sampler(4);
        double[] weights = {1, 3, 6};
        int[] counts = new int[3];
        for (int i = 0; i < N; i++) {
            counts[sampler.weighted(weights, 10)]++;
        }
        assertThat(counts[0] / (double) N).isCloseTo(0.1, within(0.005));
        assertThat(counts[2] / (double) N).isCloseTo(0.6, within(0.005));
    }

    @Test
    void sameSeedGivesSameStream() {
        Sampler a = new Sampler(42);
        Sampler b = new Sampler(42);
        for (int i = 0; i < 1000; i++) {
            assertThat(a.gamma(0.7, 1.3)).isEqualTo(b.gamma(0.7, 1.3));
        }
    }

    @Test
    void rejectsParametersOutsideTheDomain() {
        Sampler sampler = new Sampler(5);
        assertThatThrownBy(() -> sampler.gamma(0, 1)).hasMessageContaining("shape and rate must be positive");
        assertThatThrownBy(() -> sampler.exponential(-1)).hasMessageContaining("rate must be positive");
        assertThatThrownBy(() -> sampler.poisson(-0.5)).hasMessageContaining("mean must not be negative");
    }
}
