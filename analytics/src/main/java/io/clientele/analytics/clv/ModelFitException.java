package io.clientele.analytics.clv;

/** The data cannot be fitted (empty, degenerate, invalid) or the fit did not converge; the message says which. */
public class ModelFitException extends IllegalArgumentException {
    public ModelFitException(String message) {
        super(message);
    }
}
