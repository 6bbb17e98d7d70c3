package io.clientele.analytics.clv;

/**
 * Gamma-Gamma (Fader, Hardie and Lee 2005): a customer's spend per purchase is Gamma(p, ν) with ν ~ Gamma(q, γ),
 * independent of how often they buy. Fitted on repeat buyers' mean repeat spend.
 */
public record GammaGammaParameters(double p, double q, double gamma) {
    public GammaGammaParameters {
        if (!(p > 0) || !(q > 0) || !(gamma > 0) || !Double.isFinite(p + q + gamma)) {
            throw new IllegalArgumentException(
                    "Gamma-Gamma parameters must be positive and finite: p=" + p + ", q=" + q + ", gamma=" + gamma);
        }
    }

    /** The population mean spend per purchase, p·γ/(q − 1); defined for q &gt; 1 only. */
    public double populationMeanSpend() {
        if (!(q > 1)) {
            throw new IllegalStateException("q = " + q + " <= 1: the Gamma-Gamma population mean spend is infinite");
        }
        return p * gamma / (q - 1);
    }

    /**
     * The expected spend per purchase of a customer with x repeat purchases of mean value m: p(γ + m·x)/(p·x + q − 1),
     * a weighted mean of the population mean and the customer's own; the population mean when x = 0.
     */
    public double expectedSpend(int x, double monetaryValue) {
        if (x == 0) return populationMeanSpend();
        double denominator = p * x + q - 1;
        if (!(denominator > 0)) {
            throw new IllegalStateException("p·x + q − 1 <= 0 for x = " + x + ": q = " + q + " is too small");
        }
        return p * (gamma + monetaryValue * x) / denominator;
    }

    /** The log-likelihood of a repeat buyer's mean spend m over x repeat purchases. */
    public double logLikelihood(int x, double monetaryValue) {
        double px = p * x;
        return Hypergeometric.logAbsGamma(px + q)
                - Hypergeometric.logAbsGamma(px)
                - Hypergeometric.logAbsGamma(q)
                + q * Math.log(gamma)
                + (px - 1) * Math.log(monetaryValue)
                + px * Math.log(x)
                - (px + q) * Math.log(gamma + monetaryValue * x);
    }
}
