package io.clientele.analytics.channelmix;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.LocalizedOptimFormats;
import org.hipparchus.optim.MaxIter;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.linear.LinearConstraint;
import org.hipparchus.optim.linear.LinearConstraintSet;
import org.hipparchus.optim.linear.LinearObjectiveFunction;
import org.hipparchus.optim.linear.NonNegativeConstraint;
import org.hipparchus.optim.linear.Relationship;
import org.hipparchus.optim.linear.SimplexSolver;
import org.hipparchus.optim.nonlinear.scalar.GoalType;

/**
 * The cheapest mix of channels that reaches the target: with x[s][c] the customers of segment s contacted on channel
 * c, each customer at most once,
 *
 * <pre>
 * minimise   Σ cost[c] · x[s][c]
 * subject to Σ_c x[s][c] ≤ customers[s]          for every segment
 *            Σ rate[s][c] · x[s][c] ≥ target
 *            Σ cost[c] · x[s][c] ≤ budget
 *            x ≥ 0
 * </pre>
 *
 * solved by Hipparchus' {@link SimplexSolver}. The solution is rounded up to whole customers (within each segment's
 * count), so the rounded plan reaches the target and may cost at most one contact per cell more than the optimum.
 */
public final class ChannelMix {
    /** z of the two-sided 95 % interval. */
    private static final double Z95 = 1.959963984540054;

    private ChannelMix() {}

    public static MixPlan plan(MixProblem problem) {
        int segments = problem.segments();
        int channels = problem.channels();
        int variables = segments * channels;
        if (variables == 0) {
            return problem.target() == 0 ? new MixPlan(new long[segments][channels], 0, 0, 0, 0) : MixPlan.outOfReach();
        }
        double[] cost = new double[variables];
        double[] responses = new double[variables];
        for (int s = 0; s < segments; s++) {
            for (int c = 0; c < channels; c++) {
                cost[s * channels + c] = problem.cost()[c];
                responses[s * channels + c] = problem.rate()[s][c];
            }
        }
        List<LinearConstraint> constraints = new ArrayList<>();
        for (int s = 0; s < segments; s++) {
            double[] once = new double[variables];
            for (int c = 0; c < channels; c++) {
                once[s * channels + c] = 1;
            }
            constraints.add(new LinearConstraint(once, Relationship.LEQ, problem.customers()[s]));
        }
        constraints.add(new LinearConstraint(responses, Relationship.GEQ, problem.target()));
        constraints.add(new LinearConstraint(cost, Relationship.LEQ, problem.budget()));
        PointValuePair optimum;
        try {
            optimum = new SimplexSolver()
                    .optimize(
                            new MaxIter(10_000),
                            new LinearObjectiveFunction(cost, 0),
                            new LinearConstraintSet(constraints),
                            GoalType.MINIMIZE,
                            new NonNegativeConstraint(true));
        } catch (MathIllegalStateException e) {
            if (e.getSpecifier() == LocalizedOptimFormats.NO_FEASIBLE_SOLUTION) {
                return MixPlan.outOfReach();
            }
            throw e;
        }
        long[][] contacts = new long[segments][channels];
        double[] x = optimum.getPoint();
        for (int s = 0; s < segments; s++) {
            long total = 0;
            int largest = 0;
            for (int c = 0; c < channels; c++) {
                // 1e-6: the simplex's 199.9999999 is 200, not 201
                contacts[s][c] = (long) Math.ceil(Math.max(0, x[s * channels + c] - 1e-6));
                total += contacts[s][c];
                largest = contacts[s][c] > contacts[s][largest] ? c : largest;
            }
            contacts[s][largest] -= Math.max(0, total - problem.customers()[s]);
        }
        return of(contacts, problem);
    }

    /** A mix's cost and its expected responses with their interval. */
    public static MixPlan of(long[][] contacts, MixProblem problem) {
        double spent = 0;
        for (long[] row : contacts) {
            for (int c = 0; c < row.length; c++) {
                spent += row[c] * problem.cost()[c];
            }
        }
        double[] interval = responses(contacts, problem.rate());
        return new MixPlan(contacts, spent, interval[0], interval[1], interval[2]);
    }

    /**
     * The responses to expect from contacting {@code contacts[s][c]} customers at {@code rate[s][c]}: each cell's
     * responses are binomial, so the total has mean Σ x·r and variance Σ x·r·(1 − r); the interval is the normal
     * approximation's 95 %, not below 0.
     *
     * @return mean, low and high
     */
    public static double[] responses(long[][] contacts, double[][] rate) {
        double mean = 0;
        double variance = 0;
        for (int s = 0; s < contacts.length; s++) {
            for (int c = 0; c < contacts[s].length; c++) {
                double r = rate[s][c];
                mean += contacts[s][c] * r;
                variance += contacts[s][c] * r * (1 - r);
            }
        }
        double half = Z95 * Math.sqrt(variance);
        return new double[] {mean, Math.max(0, mean - half), mean + half};
    }
}
