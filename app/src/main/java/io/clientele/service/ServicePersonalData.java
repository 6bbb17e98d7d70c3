package io.clientele.service;

import static io.clientele.platform.PersonalDataParticipant.rows;

import io.clientele.platform.DataSubject;
import io.clientele.platform.PersonalDataParticipant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The person's service requests with their conversations; erased whole (the messages go with their request). */
@Component
class ServicePersonalData implements PersonalDataParticipant {
    private final JdbcClient jdbc;

    ServicePersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(DataSubject person) {
        Map<String, List<Map<String, Object>>> kinds = new LinkedHashMap<>();
        kinds.put("serviceRequests", rows(jdbc, """
                select id, subject, description, category, priority, channel, status, contact_name, contact_email,
                       product_id, sale_id, satisfaction, created_at, resolved_at
                from service_request where customer_id = :id order by id""", person.id()));
        kinds.put("serviceMessages", rows(jdbc, """
                select m.request_id, m.kind, m.body, m.author, m.to_address, m.created_at
                from service_message m join service_request r on r.id = m.request_id
                where r.customer_id = :id and m.kind <> 'NOTE' order by m.id""", person.id()));
        return kinds;
    }

    @Override
    public void erase(DataSubject person) {
        jdbc.sql("delete from service_request where customer_id = :id")
                .param("id", person.id())
                .update();
    }
}
