package io.clientele.analytics.clv;

import io.clientele.analytics.random.Sampler;

/** Customers drawn from each model's own story, in continuous time, with a seeded sampler. */
final class Simulated {
    final int[] frequency;
    final double[] recency;
    final double[] age;
    final double[] monetary;
    final boolean[] alive;

    private Simulated(int n) {
        frequency = new int[n];
        recency = new double[n];
        age = new double[n];
        monetary = new double[n];
        alive = new boolean[n];
    }

    RepeatPurchaseData grouped() {
        return RepeatPurchaseData.grouped(frequency, recency, age);
    }

    /** BG/NBD: Poisson(λ) purchases, after each repeat purchase dropout with probability p; T uniform in range. */
    static Simulated bgNbd(long seed, int n, double r, double alpha, double a, double b, double minT, double maxT) {
        Sampler random = new Sampler(seed);
        Simulated s = new Simulated(n);
        for (int i = 0; i < n; i++) {
            double lambda = random.gamma(r, alpha);
            double ga = random.gamma(a, 1);
            double p = ga / (ga + random.gamma(b, 1));
            double age = minT + (maxT - minT) * random.uniform();
            double t = 0;
            int x = 0;
            while (true) {
                t += random.exponential(lambda);
                if (t > age) break;
                x++;
                s.recency[i] = t;
                if (random.bernoulli(p)) break;
            }
            s.frequency[i] = x;
            s.age[i] = age;
        }
        return s;
    }

    /**
     * MBG/NBD: as the BG/NBD, with a drop-out opportunity also at the first purchase (time 0); {@code alive[i]}
     * says whether customer i is still active at T.
     */
    static Simulated mbgNbd(long seed, int n, double r, double alpha, double a, double b, double minT, double maxT) {
        Sampler random = new Sampler(seed);
        Simulated s = new Simulated(n);
        for (int i = 0; i < n; i++) {
            double lambda = random.gamma(r, alpha);
            double ga = random.gamma(a, 1);
            double p = ga / (ga + random.gamma(b, 1));
            double age = minT + (maxT - minT) * random.uniform();
            boolean alive = !random.bernoulli(p);
            double t = 0;
            int x = 0;
            while (alive) {
                t += random.exponential(lambda);
                if (t > age) break;
                x++;
                s.recency[i] = t;
                alive = !random.bernoulli(p);
            }
            s.frequency[i] = x;
            s.age[i] = age;
            s.alive[i] = alive;
        }
        return s;
    }

    /** Pareto/NBD: Poisson(λ) purchases during an exponential(μ) lifetime; T uniform in range. */
    static Simulated paretoNbd(
            long seed, int n, double r, double alpha, double sh, double beta, double minT, double maxT) {
        Sampler random = new Sampler(seed);
        Simulated s = new Simulated(n);
        for (int i = 0; i < n; i++) {
            double lambda = random.gamma(r, alpha);
            double lifetime = random.exponential(random.gamma(sh, beta));
            double age = minT + (maxT - minT) * random.uniform();
            double end = Math.min(age, lifetime);
            double t = 0;
            int x = 0;
            while (true) {
                t += random.exponential(lambda);
                if (t > end) break;
                x++;
                s.recency[i] = t;
            }
            s.frequency[i] = x;
            s.age[i] = age;
        }
        return s;
    }

    /** Gamma-Gamma: spend per purchase Gamma(p, ν), ν ~ Gamma(q, γ); frequency 1 + Poisson(3) for everyone. */
    static Simulated gammaGamma(long seed, int n, double p, double q, double gamma) {
        Sampler random = new Sampler(seed);
        Simulated s = new Simulated(n);
        for (int i = 0; i < n; i++) {
            int x = 1 + random.poisson(3);
            double nu = random.gamma(q, gamma);
            double sum = 0;
            for (int k = 0; k < x; k++) sum += random.gamma(p, nu);
            s.frequency[i] = x;
            s.monetary[i] = sum / x;
            s.recency[i] = 1;
            s.age[i] = 1;
        }
        return s;
    }
}
