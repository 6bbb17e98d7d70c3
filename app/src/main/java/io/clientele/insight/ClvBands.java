package io.clientele.insight;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The bands of predicted lifetime value the insight page counts and the segment field {@code clv_band} selects: band
 * {@code i} holds the values below {@code BOUNDS[i]} and at or above the bound before it, the last band the rest. One
 * home, so that a band's drill-down and its segment count the same customers.
 */
public final class ClvBands {
    public static final List<Integer> BOUNDS = List.of(100, 250, 500, 1000);
    public static final List<String> LABELS = List.of("UNDER_100", "100_250", "250_500", "500_1000", "1000_PLUS");

    private ClvBands() {}

    /** The lower bound of a band (null for the first). */
    static @Nullable Integer lower(String label) {
        int i = index(label);
        return i == 0 ? null : BOUNDS.get(i - 1);
    }

    /** The upper bound of a band, exclusive (null for the last). */
    static @Nullable Integer upper(String label) {
        int i = index(label);
        return i == BOUNDS.size() ? null : BOUNDS.get(i);
    }

    static boolean isBand(String label) {
        return LABELS.contains(label);
    }

    private static int index(String label) {
        int i = LABELS.indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException("clvBand: no such value '" + label + "'");
        }
        return i;
    }
}
