package io.clientele.loyalty;

import java.time.Instant;

/**
 * A customer became a member: a card was issued to them or a card handed out before registration was linked to them.
 * Published in the transaction that did it; listeners that act on it run after it commits.
 */
public record MemberJoined(long customerId, long accountId, Instant at) {}
