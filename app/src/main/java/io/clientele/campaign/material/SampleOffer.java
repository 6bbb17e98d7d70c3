package io.clientele.campaign.material;

import org.jspecify.annotations.Nullable;

/** An offer to preview a material with: what {@code {{offer.code}}} and its siblings show. All optional. */
public record SampleOffer(
        @Nullable String code,
        @Nullable String description,
        @Nullable String validUntil) {}
