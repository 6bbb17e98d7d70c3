package io.clientele.campaign.audience;

import io.clientele.campaign.StepChannel;
import io.clientele.campaign.SuppressionReason;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A customer or an address (an email key or a phone key, whoever holds it) never contacted on {@code channel}, or
 * on any channel when it is null.
 */
public record Suppression(
        long id,
        @Nullable StepChannel channel,
        @Nullable Long customerId,
        @Nullable String customerName,
        @Nullable String address,
        SuppressionReason reason,
        @Nullable String note,
        String addedBy,
        Instant addedAt) {}
