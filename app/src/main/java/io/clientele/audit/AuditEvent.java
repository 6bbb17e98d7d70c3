package io.clientele.audit;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** One entry of the audit trail; {@code details} is the JSON object recorded with it. */
public record AuditEvent(
        long id, Instant occurredAt, String actor, String action, String entity, String entityId, JsonNode details) {}
