package io.clientele.survey;

import static io.clientele.platform.PersonalDataParticipant.rows;

import io.clientele.platform.DataSubject;
import io.clientele.platform.PersonalDataParticipant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The person's survey invitations and answers. Erasure empties the free texts (they may say anything about the
 * person) and keeps ratings and choices with the anonymous tombstone, so survey results do not change.
 */
@Component
class SurveyPersonalData implements PersonalDataParticipant {
    private final JdbcClient jdbc;

    SurveyPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(DataSubject person) {
        Map<String, List<Map<String, Object>>> kinds = new LinkedHashMap<>();
        kinds.put("survey_invitations", rows(jdbc, """
                select survey_id, campaign_id, step_id from survey_invitation where customer_id = :id""", person.id()));
        kinds.put("survey_responses", rows(jdbc, """
                select r.survey_id, s.name as survey, r.channel, r.language, r.answered_at, q.key as question,
                       a.item, a.value, a.expected, a.text_value
                from survey_response r join survey s on s.id = r.survey_id
                join survey_response_answer a on a.response_id = r.id
                join survey_question q on q.id = a.question_id
                where r.customer_id = :id order by r.answered_at, q.position, a.item""", person.id()));
        return kinds;
    }

    @Override
    public void erase(DataSubject person) {
        jdbc.sql("""
                        update survey_response_answer set text_value = null
                        where text_value is not null
                          and response_id in (select id from survey_response where customer_id = :id)""").param("id", person.id()).update();
    }
}
