package io.clientele.analytics.value;

/**
 * The 3x3 matrix of purchase volume by satisfaction: nine classes, each with the sales strategy its volume calls for
 * and the marketing strategy its satisfaction calls for.
 */
public enum MatrixClass {
    HIGH_VOLUME_HIGH_SATISFACTION(VolumeLevel.HIGH, SatisfactionLevel.HIGH),
    HIGH_VOLUME_MEDIUM_SATISFACTION(VolumeLevel.HIGH, SatisfactionLevel.MEDIUM),
    HIGH_VOLUME_LOW_SATISFACTION(VolumeLevel.HIGH, SatisfactionLevel.LOW),
    MEDIUM_VOLUME_HIGH_SATISFACTION(VolumeLevel.MEDIUM, SatisfactionLevel.HIGH),
    MEDIUM_VOLUME_MEDIUM_SATISFACTION(VolumeLevel.MEDIUM, SatisfactionLevel.MEDIUM),
    MEDIUM_VOLUME_LOW_SATISFACTION(VolumeLevel.MEDIUM, SatisfactionLevel.LOW),
    LOW_VOLUME_HIGH_SATISFACTION(VolumeLevel.LOW, SatisfactionLevel.HIGH),
    LOW_VOLUME_MEDIUM_SATISFACTION(VolumeLevel.LOW, SatisfactionLevel.MEDIUM),
    LOW_VOLUME_LOW_SATISFACTION(VolumeLevel.LOW, SatisfactionLevel.LOW);

    private final VolumeLevel volume;
    private final SatisfactionLevel satisfaction;

    MatrixClass(VolumeLevel volume, SatisfactionLevel satisfaction) {
        this.volume = volume;
        this.satisfaction = satisfaction;
    }

    public static MatrixClass of(VolumeLevel volume, SatisfactionLevel satisfaction) {
        return values()[volume.ordinal() * 3 + satisfaction.ordinal()];
    }

    public VolumeLevel volume() {
        return volume;
    }

    public SatisfactionLevel satisfaction() {
        return satisfaction;
    }

    public SalesStrategy salesStrategy() {
        return SalesStrategy.values()[volume.ordinal()];
    }

    public MarketingStrategy marketingStrategy() {
        return MarketingStrategy.values()[satisfaction.ordinal()];
    }
}
