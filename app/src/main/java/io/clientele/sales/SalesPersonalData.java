package io.clientele.sales;

import static io.clientele.platform.PersonalDataParticipant.rows;

import io.clientele.platform.DataSubject;
import io.clientele.platform.PersonalDataParticipant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The person's leads, opportunities and tasks; erased whole (an opportunity goes with its lead). */
@Component
class SalesPersonalData implements PersonalDataParticipant {
    private final JdbcClient jdbc;

    SalesPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(DataSubject person) {
        Map<String, List<Map<String, Object>>> kinds = new LinkedHashMap<>();
        kinds.put("leads", rows(jdbc, """
                select id, source, campaign_id, step_id, journey_node, status, disqualify_reason, score,
                       owner_username, note, created_at, updated_at
                from lead where customer_id = :id order by id""", person.id()));
        kinds.put("opportunities", rows(jdbc, """
                select o.id, o.lead_id, o.title, o.products, o.amount, s.name as stage, o.expected_close_on,
                       o.owner_username, o.close_reason, o.sale_id, o.created_at, o.closed_at
                from opportunity o join pipeline_stage s on s.id = o.stage_id
                where o.customer_id = :id order by o.id""", person.id()));
        kinds.put("tasks", rows(jdbc, """
                select id, kind, title, assignee, campaign_id, status, created_at
                from task where customer_id = :id order by id""", person.id()));
        return kinds;
    }

    @Override
    public void erase(DataSubject person) {
        jdbc.sql("delete from lead where customer_id = :id")
                .param("id", person.id())
                .update();
        jdbc.sql("delete from task where customer_id = :id")
                .param("id", person.id())
                .update();
    }
}
