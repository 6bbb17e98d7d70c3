package io.clientele.analytics.random;

import java.util.SplittableRandom;

/**
 * Draws from the distributions of the repeat-buying literature (gamma, exponential, Poisson, log-normal)
 * with a seeded {@link SplittableRandom}, so that a simulation is the same for the same seed.
 */
public final class Sampler {
    private final SplittableRandom random;

    public Sampler(long seed) {
        this(new SplittableRandom(seed));
    }

    private Sampler(SplittableRandom random) {
        this.random = random;
    }

    /** An independent stream: the same parent seed and call order give the same child. */
    public Sampler split() {
        return new Sampler(random.split());
    }

    public double uniform() {
        return random.nextDouble();
    }

    public int uniformInt(int boundExclusive) {
        return random.nextInt(boundExclusive);
    }

    public boolean bernoulli(double p) {
        return random.nextDouble() < p;
    }

    public double normal() {
        // Box-Muller; one of the pair is discarded to keep the stream position independent of history
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    public double logNormal(double mu, double sigma) {
        return Math.exp(mu + sigma * normal());
    }

    /** Exponential with the given rate (mean 1/rate). */
    public double exponential(double rate) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + rate);
        }
        return -Math.log(1.0 - random.nextDouble()) / rate;
    }

    /**
     * Gamma with shape {@code shape} and rate {@code rate} (mean shape/rate), by Marsaglia and Tsang; shapes
     * below one use the boost {@code Gamma(a) = Gamma(a+1) * U^(1/a)}.
     */
    public double gamma(double shape, double rate) {
        if (!(shape > 0) || !(rate > 0)) {
            throw new IllegalArgumentException("shape and rate must be positive: " + shape + ", " + rate);
        }
        if (shape < 1.0) {
            double u = 1.0 - random.nextDouble();
            return gamma(shape + 1.0, rate) * Math.pow(u, 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x;
            double v;
            do {
                x = normal();
                v = 1.0 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1.0 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1.0 - v + Math.log(v))) {
                return d * v / rate;
            }
        }
    }

    /** Poisson with the given mean; inversion for small means, a normal approximation above 500. */
    public int poisson(double mean) {
        if (mean < 0) {
            throw new IllegalArgumentException("mean must not be negative: " + mean);
        }
        if (mean > 500) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }

    /** An index drawn with probability proportional to {@code weights[i]}. */
    public int weighted(double[] weights, double total) {
        double target = random.nextDouble() * total;
        double cumulative = 0;
        for (int i = 0; i < weights.length; i++) {
            cumulative += weights[i];
            if (target < cumulative) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
