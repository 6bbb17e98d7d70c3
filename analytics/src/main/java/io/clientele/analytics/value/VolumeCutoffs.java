package io.clientele.analytics.value;

/**
 * Volume levels by rank of revenue: the top {@code high} share of buyers is HIGH, down to {@code medium} MEDIUM, the
 * rest LOW. A buyer's rank share is the share of buyers with strictly more revenue, so ties share a level.
 */
public record VolumeCutoffs(double high, double medium) {
    public static final VolumeCutoffs DEFAULT = new VolumeCutoffs(0.2, 0.5);

    public VolumeCutoffs {
        if (!(high > 0 && high < medium && medium < 1)) {
            throw new IllegalArgumentException(
                    "volume cut-offs must rise within (0, 1): high " + high + ", medium " + medium);
        }
    }

    VolumeLevel level(double shareAbove) {
        if (shareAbove < high) {
            return VolumeLevel.HIGH;
        }
        return shareAbove < medium ? VolumeLevel.MEDIUM : VolumeLevel.LOW;
    }
}
