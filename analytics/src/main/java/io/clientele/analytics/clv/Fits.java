package io.clientele.analytics.clv;

/** What the fits share: turning an optimiser's end state into a clear failure when it is not a fit. */
final class Fits {
    private Fits() {}

    static void requireConverged(
            String model, boolean converged, double[] logParameters, double lower, double upper, String names) {
        String[] name = names.split(", ");
        for (int i = 0; i < logParameters.length; i++) {
            if (logParameters[i] <= lower + 1e-6 || logParameters[i] >= upper - 1e-6) {
                throw new ModelFitException(model + " did not converge: parameter " + name[i] + " ran to its bound "
                        + Math.exp(logParameters[i]) + "; the data do not identify it (too few customers or repeat"
                        + " purchases, or histories that do not look like repeat buying)");
            }
        }
        if (!converged) {
            throw new ModelFitException(model + " did not converge within the iteration limit (last parameters "
                    + java.util.Arrays.toString(Bfgs.exp(logParameters)) + ")");
        }
    }
}
