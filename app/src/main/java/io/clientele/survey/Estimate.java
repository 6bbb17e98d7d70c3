package io.clientele.survey;

/**
 * A figure from a sample of answers with its 95 % confidence interval ({@code low}–{@code high}); with fewer than two
 * answers the interval is the figure itself.
 */
public record Estimate(double value, double low, double high, long n) {
    /** The normal quantile of a two-sided 95 % interval. */
    static final double Z95 = 1.959964;

    /**
     * The mean of ratings with the interval mean ± z · s / √n, s the sample standard deviation: the normal
     * approximation, fair from some thirty answers on (ratings are bounded, so the mean's distribution is near
     * normal early).
     *
     * @param counts how many answers gave each rating, {@code counts[i]} for rating {@code min + i}
     */
    static Estimate mean(long[] counts, int min) {
        long n = 0;
        double sum = 0;
        for (int i = 0; i < counts.length; i++) {
            n += counts[i];
            sum += (double) counts[i] * (min + i);
        }
        if (n == 0) {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double mean = sum / n;
        if (n < 2) {
            return new Estimate(mean, mean, mean, n);
        }
        double squares = 0;
        for (int i = 0; i < counts.length; i++) {
            double d = min + i - mean;
            squares += counts[i] * d * d;
        }
        double half = Z95 * Math.sqrt(squares / (n - 1) / n);
        return new Estimate(mean, mean - half, mean + half, n);
    }

    /**
     * The Net Promoter Score, 100 · (promoters − detractors) / n (promoters answer 9–10, detractors 0–6), with the
     * interval NPS ± z · 100 · √((p + d − (p − d)²) / n): each answer scores +1, 0 or −1, and that is the variance of
     * their mean (the multinomial variance of the difference of two proportions). Clipped to −100…100.
     *
     * @param counts how many answers gave 0, 1, …, 10
     */
    static Estimate nps(long[] counts) {
        long n = 0;
        long promoters = 0;
        long detractors = 0;
        for (int score = 0; score < counts.length; score++) {
            n += counts[score];
            if (score >= 9) {
                promoters += counts[score];
            } else if (score <= 6) {
                detractors += counts[score];
            }
        }
        if (n == 0) {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double p = (double) promoters / n;
        double d = (double) detractors / n;
        double nps = 100 * (p - d);
        if (n < 2) {
            return new Estimate(nps, nps, nps, n);
        }
        double half = Z95 * 100 * Math.sqrt((p + d - (p - d) * (p - d)) / n);
        return new Estimate(nps, Math.max(-100, nps - half), Math.min(100, nps + half), n);
    }

    public boolean isEmpty() {
        return n == 0;
    }
}
