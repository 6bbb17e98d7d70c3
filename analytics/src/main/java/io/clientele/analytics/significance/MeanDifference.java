package io.clientele.analytics.significance;

/**
 * The difference of two groups' means (treated − control) with its Welch standard error, √(s²_t/n_t + s²_c/n_c),
 * and a normal-approximation confidence interval: difference ± z·SE. The sample variances are the unbiased ones
 * (divided by n − 1), so each group needs two members for an interval. The normal quantile instead of Student's t
 * is what the large groups of a campaign justify; below {@link #MIN_GROUP} members a group gives no interval.
 */
public record MeanDifference(
        long nTreated,
        double meanTreated,
        double varianceTreated,
        long nControl,
        double meanControl,
        double varianceControl) {
    /** The normal approximation needs groups this large; smaller ones give no interval. */
    public static final int MIN_GROUP = 2;

    /** The two-sided 95 % quantile of the standard normal distribution. */
    public static final double Z95 = 1.959963984540054;

    public MeanDifference {
        if (nTreated < 0 || nControl < 0 || varianceTreated < 0 || varianceControl < 0) {
            throw new IllegalArgumentException("counts and variances cannot be negative");
        }
    }

    public double difference() {
        return meanTreated - meanControl;
    }

    /** Whether both groups are large enough for a standard error. */
    public boolean estimable() {
        return nTreated >= MIN_GROUP && nControl >= MIN_GROUP;
    }

    public double standardError() {
        if (!estimable()) {
            throw new IllegalStateException("each group needs " + MIN_GROUP + " members");
        }
        return Math.sqrt(varianceTreated / nTreated + varianceControl / nControl);
    }

    public double lower95() {
        return difference() - Z95 * standardError();
    }

    public double upper95() {
        return difference() + Z95 * standardError();
    }
}
