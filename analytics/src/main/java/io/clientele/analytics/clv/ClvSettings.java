package io.clientele.analytics.clv;

/**
 * How lifetime value is counted: the margin on spend (0.3 = 30%), the monthly discount rate (0.01 = 1% a month),
 * the horizon in months, and how many model periods make a month.
 */
public record ClvSettings(double margin, double monthlyDiscountRate, int months, double periodsPerMonth) {
    public ClvSettings {
        if (!(margin >= 0) || !Double.isFinite(margin)) {
            throw new IllegalArgumentException("margin must be finite and >= 0, not " + margin);
        }
        if (!(monthlyDiscountRate > -1) || !Double.isFinite(monthlyDiscountRate)) {
            throw new IllegalArgumentException("the monthly discount rate must be > -1, not " + monthlyDiscountRate);
        }
        if (months < 1 || months > 1200) {
            throw new IllegalArgumentException("the horizon must be 1 to 1200 months, not " + months);
        }
        if (!(periodsPerMonth > 0) || !Double.isFinite(periodsPerMonth)) {
            throw new IllegalArgumentException("periods per month must be positive, not " + periodsPerMonth);
        }
    }

    public static ClvSettings of(Period period, double margin, double monthlyDiscountRate, int months) {
        return new ClvSettings(margin, monthlyDiscountRate, months, period.perMonth());
    }
}
