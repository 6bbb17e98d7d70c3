package io.clientele.customer;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One entry of a customer's timeline. */
public record Interaction(
        long id,
        Instant occurredAt,
        InteractionKind kind,
        @Nullable String channel,
        String summary,
        Map<String, Object> details,
        @Nullable String source,
        @Nullable String createdBy) {}
