package io.clientele.campaign;

import org.jspecify.annotations.Nullable;

/**
 * A step narrowed to a slice of its campaign's audience: the customers whose {@code hashint8extended(customer, seed)}
 * modulo 10,000 lies in [{@code fromBucket}, {@code toBucket}) and, with a {@code grade}, who have that value grade in
 * the latest scoring run when the campaign is launched. Steps with the same seed and disjoint ranges never share a
 * customer, in one campaign or across campaigns.
 */
public record StepSlice(
        long seed, int fromBucket, int toBucket, @Nullable String grade) {
    public static final int BUCKETS = 10_000;

    public StepSlice {
        if (fromBucket < 0 || toBucket < fromBucket || toBucket > BUCKETS) {
            throw new IllegalArgumentException(
                    "a slice is 0 ≤ from ≤ to ≤ " + BUCKETS + ": " + fromBucket + ", " + toBucket);
        }
    }
}
