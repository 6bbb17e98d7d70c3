package io.clientele.journey;

import static io.clientele.platform.PersonalDataParticipant.rows;

import io.clientele.platform.DataSubject;
import io.clientele.platform.PersonalDataParticipant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Where the person stands in each journey, the path they took, and the ratings decisions read; erased whole. */
@Component
class JourneyPersonalData implements PersonalDataParticipant {
    private final JdbcClient jdbc;

    JourneyPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(DataSubject person) {
        Map<String, List<Map<String, Object>>> kinds = new LinkedHashMap<>();
        kinds.put("journey_positions", rows(jdbc, """
                select campaign_id, entry, version, node_id, seq, entered_at, arrived_at, due_at, reason, state
                from journey_position where customer_id = :id order by campaign_id, entry""", person.id()));
        kinds.put("journey_paths", rows(jdbc, """
                select p.campaign_id, p.entry, p.seq, p.node_id, p.from_node, p.branch, p.at
                from journey_position j join journey_path p using (campaign_id, customer_id, entry)
                where j.customer_id = :id order by p.campaign_id, p.entry, p.seq""", person.id()));
        kinds.put("journey_survey_ratings", rows(jdbc, """
                select survey_id, question, rating, answered_at from journey_survey_answer
                where customer_id = :id order by answered_at""", person.id()));
        kinds.put("journey_form_submissions", rows(jdbc, """
                select form_id, submitted_at from journey_form_submission
                where customer_id = :id order by submitted_at""", person.id()));
        return kinds;
    }

    @Override
    public void erase(DataSubject person) {
        // the path follows its position (on delete cascade)
        jdbc.sql("delete from journey_position where customer_id = :id")
                .param("id", person.id())
                .update();
        jdbc.sql("delete from journey_survey_answer where customer_id = :id")
                .param("id", person.id())
                .update();
        jdbc.sql("delete from journey_form_submission where customer_id = :id")
                .param("id", person.id())
                .update();
    }
}
