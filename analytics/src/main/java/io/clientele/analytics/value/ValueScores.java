package io.clientele.analytics.value;

import org.jspecify.annotations.Nullable;

/**
 * One scoring run's result per customer (numbered as in the {@link PurchaseLog}) and its {@link ValueSummary}. A
 * customer who never bought has recency {@code -1}, no RFM scores, no segment and no grade.
 */
public final class ValueScores {
    final int[] recencyDays;
    final int[] frequency;
    final long[] revenueCents;
    final long[] costCents;
    final long[] directMarketingCents;
    final long[] allocatedMarketingCents;
    final long[] profitCents;
    final byte[] r;
    final byte[] f;
    final byte[] m;
    final @Nullable RfmSegment[] segment;
    final @Nullable ValueGrade[] grade;
    final boolean[] churned;
    final int[] loyalty;
    final double[] satisfaction;
    final @Nullable SatisfactionLevel[] satisfactionLevel;
    final boolean[] satisfactionEstimated;
    final @Nullable VolumeLevel[] volume;
    final @Nullable MatrixClass[] matrixClass;
    private @Nullable ValueSummary summary;

    ValueScores(int customers) {
        recencyDays = new int[customers];
        frequency = new int[customers];
        revenueCents = new long[customers];
        costCents = new long[customers];
        directMarketingCents = new long[customers];
        allocatedMarketingCents = new long[customers];
        profitCents = new long[customers];
        r = new byte[customers];
        f = new byte[customers];
        m = new byte[customers];
        segment = new RfmSegment[customers];
        grade = new ValueGrade[customers];
        churned = new boolean[customers];
        loyalty = new int[customers];
        satisfaction = new double[customers];
        satisfactionLevel = new SatisfactionLevel[customers];
        satisfactionEstimated = new boolean[customers];
        volume = new VolumeLevel[customers];
        matrixClass = new MatrixClass[customers];
    }

    void summary(ValueSummary summary) {
        this.summary = summary;
    }

    public ValueSummary summary() {
        if (summary == null) {
            throw new IllegalStateException("the summary is set when scoring ends");
        }
        return summary;
    }

    public int customers() {
        return recencyDays.length;
    }

    public boolean isBuyer(int c) {
        return recencyDays[c] >= 0;
    }

    /** Days from the last purchase to the as-of date, or -1 for a customer who never bought. */
    public int recencyDays(int c) {
        return recencyDays[c];
    }

    /** Purchases (sale receipts) in the lookback. */
    public int frequency(int c) {
        return frequency[c];
    }

    /** Revenue in the lookback, net of returns: the monetary value of RFM. */
    public long revenueCents(int c) {
        return revenueCents[c];
    }

    public long costOfGoodsCents(int c) {
        return costCents[c];
    }

    /** The profit the grades ranked: gross or net, by the run's {@link ProfitBasis}. */
    public long profitCents(int c) {
        return profitCents[c];
    }

    /** Revenue minus the cost of goods in the lookback. */
    public long grossProfitCents(int c) {
        return revenueCents[c] - costCents[c];
    }

    /** The customer's share of direct marketing costs in the lookback. */
    public long directMarketingCents(int c) {
        return directMarketingCents[c];
    }

    /** The customer's share of allocated indirect marketing costs in the lookback. */
    public long allocatedMarketingCents(int c) {
        return allocatedMarketingCents[c];
    }

    /** Gross profit minus the customer's direct and allocated marketing costs. */
    public long netProfitCents(int c) {
        return grossProfitCents(c) - directMarketingCents[c] - allocatedMarketingCents[c];
    }

    /** Recency score 1–5, 5 the most recent; 0 for a customer who never bought. */
    public int r(int c) {
        return r[c];
    }

    public int f(int c) {
        return f[c];
    }

    public int m(int c) {
        return m[c];
    }

    public @Nullable RfmSegment segment(int c) {
        return segment[c];
    }

    public @Nullable ValueGrade grade(int c) {
        return grade[c];
    }

    public boolean churned(int c) {
        return churned[c];
    }

    /** 0–100, or {@link LoyaltyIndex#UNKNOWN}. */
    public int loyalty(int c) {
        return loyalty[c];
    }

    /** The satisfaction index, measured or estimated; NaN for a customer who neither rated nor bought. */
    public double satisfaction(int c) {
        return satisfaction[c];
    }

    /** Whether the satisfaction is estimated ({@link SatisfactionEstimator}) rather than measured from ratings. */
    public boolean satisfactionEstimated(int c) {
        return satisfactionEstimated[c];
    }

    public @Nullable SatisfactionLevel satisfactionLevel(int c) {
        return satisfactionLevel[c];
    }

    public @Nullable VolumeLevel volume(int c) {
        return volume[c];
    }

    public @Nullable MatrixClass matrixClass(int c) {
        return matrixClass[c];
    }
}
