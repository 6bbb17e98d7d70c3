package io.clientele.analytics.value;

/**
 * Per customer (same numbering as the {@link PurchaseLog}): the sums of perceived and of expected ratings over all
 * their rated aspects, and their number of complaints. An expected sum of 0 means no ratings.
 */
public record SatisfactionInputs(long[] perceivedSum, long[] expectedSum, int[] complaints) {
    public SatisfactionInputs {
        if (perceivedSum.length != expectedSum.length || expectedSum.length != complaints.length) {
            throw new IllegalArgumentException("satisfaction inputs must have one entry per customer in each array");
        }
    }

    public static SatisfactionInputs none(int customers) {
        return new SatisfactionInputs(new long[customers], new long[customers], new int[customers]);
    }
}
