package io.clientele.bench;

import io.clientele.analytics.clv.BgNbdModel;
import io.clientele.analytics.clv.BgNbdParameters;
import io.clientele.analytics.clv.ClvCalculator;
import io.clientele.analytics.clv.ClvSettings;
import io.clientele.analytics.clv.GammaGammaModel;
import io.clientele.analytics.clv.GammaGammaParameters;
import io.clientele.analytics.clv.ModelFit;
import io.clientele.analytics.clv.Period;
import io.clientele.analytics.clv.RepeatPurchaseData;
import io.clientele.analytics.random.Sampler;
import java.util.stream.IntStream;

/**
 * BG/NBD and Gamma-Gamma fit plus scoring (P(alive), expected purchases over 90 and 365 days, 12-month CLV) of
 * simulated customers with day periods over two years: once over (frequency, recency, T) groups with scores shared
 * per group and per (frequency, T), once with one likelihood term and one score computation per customer (the
 * baseline). Same data, same run.
 */
final class ClvFitBench {
    private ClvFitBench() {}

    record Customers(int[] frequency, double[] recency, double[] age, double[] monetary) {}

    static void run(Options options) {
        int n = (int) options.number("customers", 1_000_000);
        long seed = options.number("seed", 42);
        System.err.println("machine: " + Machine.describe() + ", no database");
        long start = System.nanoTime();
        Customers c = simulate(n, seed);
        System.err.printf("simulated %,d customers in %.1f s%n", n, seconds(start));
        // two rounds of each path on the same data: the first as a scoring job in a fresh JVM sees it (the JIT
        // compiling as it goes), the second with compiled code
        Result coldGrouped = timed(c, true);
        Result coldUngrouped = timed(c, false);
        Result grouped = timed(c, true);
        Result ungrouped = timed(c, false);
        System.out.println(report(n, coldGrouped, coldUngrouped, grouped, ungrouped));
    }

    record Result(
            boolean grouped,
            int terms,
            double groupSeconds,
            double fitSeconds,
            double spendSeconds,
            double scoreSeconds,
            ModelFit<BgNbdParameters> fit,
            ModelFit<GammaGammaParameters> spend,
            double meanClv) {
        double total() {
            return groupSeconds + fitSeconds + spendSeconds + scoreSeconds;
        }
    }

    static Result timed(Customers c, boolean grouped) {
        long t0 = System.nanoTime();
        RepeatPurchaseData data = grouped
                ? RepeatPurchaseData.grouped(c.frequency(), c.recency(), c.age())
                : RepeatPurchaseData.ungrouped(c.frequency(), c.recency(), c.age());
        long t1 = System.nanoTime();
        ModelFit<BgNbdParameters> fit = BgNbdModel.fit(data);
        long t2 = System.nanoTime();
        ModelFit<GammaGammaParameters> spend = GammaGammaModel.fit(c.frequency(), c.monetary());
        long t3 = System.nanoTime();
        ClvCalculator clv =
                new ClvCalculator(fit.parameters(), spend.parameters(), ClvSettings.of(Period.DAY, 0.3, 0.01, 12));
        double[] value;
        if (grouped) {
            value = clv.score(data, c.monetary(), 90, 365).lifetimeValue();
        } else {
            value = scoreOneByOne(fit.parameters(), clv, c);
        }
        long t4 = System.nanoTime();
        double sum = 0;
        for (double v : value) sum += v;
        Result r = new Result(
                grouped,
                data.groups(),
                (t1 - t0) / 1e9,
                (t2 - t1) / 1e9,
                (t3 - t2) / 1e9,
                (t4 - t3) / 1e9,
                fit,
                spend,
                sum / value.length);
        System.err.printf(
                "%s: %,d terms, group %.2f s, BG/NBD %.2f s (%d iterations), Gamma-Gamma %.2f s, scoring %.2f s, total"
                        + " %.2f s; %s%n",
                grouped ? "grouped" : "ungrouped",
                r.terms(),
                r.groupSeconds(),
                r.fitSeconds(),
                fit.iterations(),
                r.spendSeconds(),
                r.scoreSeconds(),
                r.total(),
                fit.parameters());
        return r;
    }

    /** The baseline: every customer's scores computed from scratch, over all cores. */
    private static double[] scoreOneByOne(BgNbdParameters model, ClvCalculator clv, Customers c) {
        int n = c.frequency().length;
        double[] alive = new double[n];
        double[] e90 = new double[n];
        double[] e365 = new double[n];
        double[] value = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            int x = c.frequency()[i];
            double tx = c.recency()[i];
            double age = c.age()[i];
            alive[i] = model.probabilityAlive(x, tx, age);
            e90[i] = model.expectedPurchases(x, tx, age, 90);
            e365[i] = model.expectedPurchases(x, tx, age, 365);
            value[i] = clv.lifetimeValue(x, tx, age, c.monetary()[i]);
        });
        return value;
    }

    /**
     * BG/NBD customers (r 0.9, α 60 per day, a 0.8, b 3) who joined uniformly over the last 730 days, purchases
     * counted on days; spend per purchase Gamma-Gamma (p 4, q 3, γ 125).
     */
    static Customers simulate(int n, long seed) {
        Sampler random = new Sampler(seed);
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] age = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            double lambda = random.gamma(0.9, 60);
            double ga = random.gamma(0.8, 1);
            double p = ga / (ga + random.gamma(3, 1));
            int days = random.uniformInt(730);
            long lastDay = 0;
            int count = 0;
            for (double t = random.exponential(lambda); t <= days; t += random.exponential(lambda)) {
                long day = (long) Math.ceil(t);
                if (day > days || day == lastDay) continue;
                count++;
                lastDay = day;
                if (random.bernoulli(p)) break;
            }
            x[i] = count;
            tx[i] = count == 0 ? 0 : lastDay;
            age[i] = days;
            if (count > 0) {
                double nu = random.gamma(3, 125);
                double sum = 0;
                for (int k = 0; k < count; k++) sum += random.gamma(4, nu);
                m[i] = sum / count;
            }
        }
        return new Customers(x, tx, age, m);
    }

    private static String report(int n, Result coldG, Result coldU, Result g, Result u) {
        BgNbdParameters a = g.fit().parameters(), b = u.fit().parameters();
        double maxDifference = Math.max(
                Math.max(relative(a.r(), b.r()), relative(a.alpha(), b.alpha())),
                Math.max(relative(a.a(), b.a()), relative(a.b(), b.b())));
        return """
                | round | path | likelihood terms | grouping | BG/NBD fit | Gamma-Gamma fit | scoring | total |
                |---|---|---:|---:|---:|---:|---:|---:|
                %s
                %s
                %s
                %s

                %,d customers. Ratio (ungrouped / grouped) %.1f× in the first round, %.1f× in the second. BG/NBD
                grouped %s, ungrouped %s (largest relative difference %.1e); log-likelihoods %.3f and %.3f.
                Gamma-Gamma %s. Mean 12-month CLV %.2f and %.2f.
                """.formatted(
                        row("first", coldG),
                        row("first", coldU),
                        row("second", g),
                        row("second", u),
                        n,
                        coldU.total() / coldG.total(),
                        u.total() / g.total(),
                        a,
                        b,
                        maxDifference,
                        g.fit().logLikelihood(),
                        u.fit().logLikelihood(),
                        g.spend().parameters(),
                        g.meanClv(),
                        u.meanClv());
    }

    private static String row(String round, Result r) {
        return "| %s | %s | %,d | %.2f s | %.2f s | %.2f s | %.2f s | **%.2f s** |"
                .formatted(
                        round,
                        r.grouped()
                                ? "grouped by (frequency, recency, T)"
                                : "ungrouped: a term and a score per customer",
                        r.terms(),
                        r.groupSeconds(),
                        r.fitSeconds(),
                        r.spendSeconds(),
                        r.scoreSeconds(),
                        r.total());
    }

    private static double relative(double x, double y) {
        return Math.abs(x - y) / Math.abs(y);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
