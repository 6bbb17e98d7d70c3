package io.clientele.analytics.value;

/** Purchase volume in three levels by rank of revenue; {@link VolumeCutoffs} draws the lines. */
public enum VolumeLevel {
    HIGH,
    MEDIUM,
    LOW
}
