package io.clientele.audit;

import static io.clientele.platform.PersonalDataParticipant.rows;

import io.clientele.platform.DataSubject;
import io.clientele.platform.PersonalDataParticipant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Audit entries about the person. The trail is append-only with one exception, erasure: who did what to which record
 * and when stays, but the details of the entries about the customer, and of any entry quoting one of their
 * identifiers (a suppressed address, a card), are replaced by {@code {"erased": true}}.
 */
@Component
class AuditPersonalData implements PersonalDataParticipant {
    private final JdbcClient jdbc;

    AuditPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(DataSubject person) {
        return Map.of("audit_entries", rows(jdbc, """
                select occurred_at, actor, action, entity, entity_id, details::text as details from audit_event
                where entity = 'customer' and entity_id = cast(:id as text) order by occurred_at, id""", person.id()));
    }

    @Override
    public void erase(DataSubject person) {
        jdbc.sql("""
                        update audit_event set details = '{"erased": true}'
                        where (entity = 'customer' and entity_id = cast(:id as text))
                           or lower(details::text) ~ any(:patterns)""")
                .param("id", person.id())
                .param("patterns", person.tokenPatterns().toArray(String[]::new))
                .update();
    }
}
