package io.clientele.forms;

import static io.clientele.platform.PersonalDataParticipant.rows;

import io.clientele.platform.DataSubject;
import io.clientele.platform.PersonalDataParticipant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The person's form submissions (answers, consents with their wording, the confirmation mail) and event
 * registrations. Erased whole; a registration's seat is given back, so a session's count stays its registrations'.
 */
@Component
class FormsPersonalData implements PersonalDataParticipant {
    private final JdbcClient jdbc;

    FormsPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(DataSubject person) {
        Map<String, List<Map<String, Object>>> kinds = new LinkedHashMap<>();
        kinds.put("formSubmissions", rows(jdbc, """
                select s.id, f.slug as form, s.answers::text as answers, s.client_address, s.submitted_at,
                       s.confirmed_at,
                       (select string_agg(c.channel || ': ' || c.wording, ' | ') from form_submission_consent c
                        where c.submission_id = s.id) as consents
                from form_submission s join form f on f.id = s.form_id
                where s.customer_id = :id order by s.id""", person.id()));
        kinds.put("eventRegistrations", rows(jdbc, """
                select e.name as event, x.name as session, r.attendee_name, r.attendee_email, r.code,
                       r.registered_at, r.confirmed_at, r.checked_in_at
                from event_registration r join event_session x on x.id = r.session_id join event e on e.id = x.event_id
                where r.customer_id = :id order by r.id""", person.id()));
        return kinds;
    }

    @Override
    public void erase(DataSubject person) {
        jdbc.sql("""
                        with gone as (delete from event_registration where customer_id = :id returning session_id)
                        update event_session s set registered = registered - n.seats
                        from (select session_id, count(*) as seats from gone group by session_id) n
                        where n.session_id = s.id""").param("id", person.id()).update();
        jdbc.sql("delete from form_submission where customer_id = :id")
                .param("id", person.id())
                .update();
    }
}
