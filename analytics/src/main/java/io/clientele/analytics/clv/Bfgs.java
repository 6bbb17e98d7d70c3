package io.clientele.analytics.clv;

import java.util.Arrays;

/**
 * A small BFGS minimiser with a backtracking (Armijo) line search and box bounds on the variables. Hipparchus has
 * no quasi-Newton method; with analytic gradients BFGS needs a few dozen evaluations where a simplex needs
 * hundreds, which is what makes a fit over a million customers take seconds.
 */
final class Bfgs {
    /** The objective: fills {@code gradient} and returns the value; may return a non-finite value to say "no". */
    interface Objective {
        double evaluate(double[] x, double[] gradient);
    }

    record Result(double[] x, double value, int iterations, boolean converged) {}

    private Bfgs() {}

    static Result minimise(Objective f, double[] start, double lower, double upper, double gradientTolerance) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double fx = f.evaluate(x, g);
        if (!Double.isFinite(fx) || !allFinite(g)) {
            throw new ModelFitException("the likelihood cannot be evaluated at the starting point "
                    + Arrays.toString(exp(start)) + "; check the input for extreme values");
        }
        double[][] h = identity(n);
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        for (int iteration = 1; iteration <= 500; iteration++) {
            if (maxAbs(g) < gradientTolerance) {
                return new Result(x, fx, iteration, true);
            }
            double[] direction = times(h, g);
            for (int i = 0; i < n; i++) direction[i] = -direction[i];
            double slope = dot(direction, g);
            if (slope >= 0) { // not a descent direction: restart from steepest descent
                h = identity(n);
                for (int i = 0; i < n; i++) direction[i] = -g[i];
                slope = dot(direction, g);
            }
            // keep the first trial step within a factor e^3 per parameter
            double step = Math.min(1.0, 3.0 / Math.max(maxAbs(direction), 1e-300));
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int halving = 0; halving < 60; halving++) {
                for (int i = 0; i < n; i++) {
                    xNew[i] = Math.min(upper, Math.max(lower, x[i] + step * direction[i]));
                }
                fNew = f.evaluate(xNew, gNew);
                if (Double.isFinite(fNew) && allFinite(gNew) && fNew <= fx + 1e-4 * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                // no decrease along the search direction: at a minimum up to rounding, or stuck
                return new Result(x, fx, iteration, maxAbs(g) < Math.sqrt(gradientTolerance));
            }
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
            }
            double change = fx - fNew;
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            double sy = dot(s, y);
            if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
                update(h, s, y, sy);
            }
            if (change >= 0 && change < 1e-15 * Math.max(1, Math.abs(fx)) && maxAbs(g) < 1e3 * gradientTolerance) {
                return new Result(x, fx, iteration, true);
            }
        }
        return new Result(x, fx, 500, false);
    }

    /** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ. */
    private static void update(double[][] h, double[] s, double[] y, double sy) {
        int n = s.length;
        double rho = 1 / sy;
        double[] hy = times(h, y);
        double yhy = dot(y, hy);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
            }
        }
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) m[i][i] = 1;
        return m;
    }

    private static double[] times(double[][] m, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = dot(m[i], v);
        return out;
    }

    private static double dot(double[] u, double[] v) {
        double sum = 0;
        for (int i = 0; i < u.length; i++) sum += u[i] * v[i];
        return sum;
    }

    private static double maxAbs(double[] v) {
        double max = 0;
        for (double d : v) max = Math.max(max, Math.abs(d));
        return max;
    }

    private static boolean allFinite(double[] v) {
        for (double d : v) if (!Double.isFinite(d)) return false;
        return true;
    }

    static double[] exp(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Math.exp(v[i]);
        return out;
    }
}
