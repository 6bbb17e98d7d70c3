package io.clientele.audit;

import static io.clientele.platform.db.Rows.timestamptz;

import io.clientele.platform.Actor;
import java.time.Clock;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to the audit trail ({@code audit_event}). Call it inside the transaction of the change, so that the
 * record exists exactly when the change does. The actor is whoever is signed in (or the API token, or system).
 */
@Service
public class AuditTrail {
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param action what happened, {@code feature.verb} in the past tense, e.g. {@code customer.merged}
     * @param entity the kind of record, e.g. {@code customer}
     * @param details what changed, as a JSON object
     */
    public void record(String action, String entity, Object entityId, Map<String, ?> details) {
        recordAs(Actor.current().name(), action, entity, entityId, details);
    }

    /**
     * Records an event whose actor is not the signed-in principal: a sign-in attempt is made by whoever the typed
     * user name claims, before anyone is signed in.
     */
    public void recordAs(String actor, String action, String entity, Object entityId, Map<String, ?> details) {
        jdbc.sql("""
                        insert into audit_event (occurred_at, actor, action, entity, entity_id, details)
                        values (:at, :actor, :action, :entity, :entityId, cast(:details as jsonb))""")
                .param("at", timestamptz(clock.instant()))
                .param("actor", actor)
                .param("action", action)
                .param("entity", entity)
                .param("entityId", entityId.toString())
                .param("details", json.writeValueAsString(details))
                .update();
    }
}
