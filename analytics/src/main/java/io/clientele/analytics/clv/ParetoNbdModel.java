package io.clientele.analytics.clv;

import java.util.List;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximum-likelihood fit of {@link ParetoNbdParameters} with Hipparchus' Nelder-Mead simplex over the
 * log-parameters (the likelihood's 2F1 terms have no cheap derivatives in the parameters), restarted once from
 * its own optimum so the simplex cannot stall early; one term per (frequency, recency, T) group.
 */
public final class ParetoNbdModel {
    private static final double LOWER = Math.log(1e-8);
    private static final double UPPER = Math.log(1e8);

    private ParetoNbdModel() {}

    public static ModelFit<ParetoNbdParameters> fit(List<CustomerSummary> customers) {
        return fit(RepeatPurchaseData.of(customers));
    }

    public static ModelFit<ParetoNbdParameters> fit(RepeatPurchaseData data) {
        data.requireFittable("Pareto/NBD");
        double alpha0 = data.meanAge() * data.customers() / Math.max(1, data.totalFrequency());
        double[] point = {0, Math.log(Math.max(alpha0, 1e-3)), 0, Math.log(Math.max(data.meanAge(), 1e-3))};
        ObjectiveFunction objective = new ObjectiveFunction(phi -> negativeMeanLogLikelihood(data, phi));
        int evaluations = 0;
        double value = Double.NaN;
        for (int round = 0; round < 2; round++) {
            SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(1e-10, 1e-12));
            PointValuePair best = optimizer.optimize(
                    new MaxEval(4000),
                    objective,
                    GoalType.MINIMIZE,
                    new InitialGuess(point),
                    new NelderMeadSimplex(new double[] {0.5, 0.5, 0.5, 0.5}));
            point = best.getPoint();
            value = best.getValue();
            evaluations += optimizer.getEvaluations();
        }
        if (!Double.isFinite(value)) {
            throw new ModelFitException("Pareto/NBD: the likelihood is not finite at the optimum; check the input");
        }
        Fits.requireConverged("Pareto/NBD", true, point, LOWER, UPPER, "r, alpha, s, beta");
        double[] p = Bfgs.exp(point);
        return new ModelFit<>(
                new ParetoNbdParameters(p[0], p[1], p[2], p[3]),
                -value * data.customers(),
                data.customers(),
                data.groups(),
                evaluations);
    }

    /** −(1/N) Σ w LL; +∞ outside the bounds so the simplex stays inside. */
    static double negativeMeanLogLikelihood(RepeatPurchaseData data, double[] phi) {
        for (double v : phi) {
            if (!(v > LOWER && v < UPPER)) return Double.POSITIVE_INFINITY;
        }
        double r = Math.exp(phi[0]), alpha = Math.exp(phi[1]), s = Math.exp(phi[2]), beta = Math.exp(phi[3]);
        int maxX = data.maxFrequency();
        double[] lgR = new double[maxX + 1];
        for (int x = 1; x <= maxX; x++) lgR[x] = lgR[x - 1] + Math.log(r + x - 1);
        double[] sums;
        try {
            sums = Chunks.sum(data.groups(), 1, (from, to, out) -> {
                for (int g = from; g < to; g++) {
                    int x = data.frequency(g);
                    out[0] += data.weight(g)
                            * (lgR[x]
                                    + ParetoNbdParameters.logLikelihoodRest(
                                            r, alpha, s, beta, x, data.recency(g), data.age(g)));
                }
            });
        } catch (ArithmeticException e) {
            return Double.POSITIVE_INFINITY; // a 2F1 out of reach at these parameters: the simplex moves elsewhere
        }
        double value = sums[0] / data.customers() + r * Math.log(alpha) + s * Math.log(beta);
        return Double.isFinite(value) ? -value : Double.POSITIVE_INFINITY;
    }
}
