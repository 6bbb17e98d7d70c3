package io.clientele.campaign;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Published inside the transaction that recorded a new campaign response (not a repeat its dedupe key stopped), so
 * that a listener acting on it (sales' lead rules) commits with it or not at all.
 *
 * @param detail the clicked address, the call outcome, the redemption's coupon
 */
public record ResponseRecorded(
        long campaignId,
        long stepId,
        long customerId,
        ResponseKind kind,
        @Nullable String detail,
        Instant at) {}
