package io.clientele.analytics.channelmix;

/**
 * What a channel mix is planned from: per segment the customers who may be contacted ({@code customers[s]}), per
 * channel the cost of one contact ({@code cost[c]}), per segment and channel the response rate
 * ({@code rate[s][c]}, 0–1), the responses wanted and the money there is.
 */
public record MixProblem(long[] customers, double[] cost, double[][] rate, double target, double budget) {
    public MixProblem {
        if (rate.length != customers.length) {
            throw new IllegalArgumentException(
                    "one row of rates per segment: " + rate.length + " for " + customers.length + " segments");
        }
        for (long n : customers) {
            if (n < 0) {
                throw new IllegalArgumentException("a segment's customers must not be negative: " + n);
            }
        }
        for (double c : cost) {
            if (!(c >= 0)) {
                throw new IllegalArgumentException("a contact's cost must be 0 or more: " + c);
            }
        }
        for (double[] row : rate) {
            if (row.length != cost.length) {
                throw new IllegalArgumentException("one rate per channel: " + row.length + " for " + cost.length);
            }
            for (double r : row) {
                if (!(r >= 0 && r <= 1)) {
                    throw new IllegalArgumentException("a response rate is 0 to 1: " + r);
                }
            }
        }
        if (!(target >= 0) || !(budget >= 0)) {
            throw new IllegalArgumentException("target and budget must be 0 or more: " + target + ", " + budget);
        }
    }

    public int segments() {
        return customers.length;
    }

    public int channels() {
        return cost.length;
    }
}
