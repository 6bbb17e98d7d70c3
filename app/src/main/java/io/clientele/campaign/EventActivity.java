package io.clientele.campaign;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A registration for an event or a check-in at it, published by the events feature after it committed (never for one
 * rolled back) and heard here in the same thread, outside any transaction: the campaign records it as a response of
 * the invitation step the {@code source} names (a signed token of the step and member, verified here), or else of
 * every invitation step for the event that has the customer as a member (treated or control). Published again for
 * the same registration, it changes nothing.
 *
 * @param kind {@link ResponseKind#REGISTERED} or {@link ResponseKind#ATTENDED}
 * @param source the hidden campaign source the registration came with, as given (forged or free text is ignored)
 */
public record EventActivity(
        long eventId,
        long registrationId,
        long customerId,
        ResponseKind kind,
        @Nullable String source,
        Instant at) {}
