package io.clientele.survey;

import io.clientele.customer.TableMergeParticipant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Survey responses and links follow a merged customer to the survivor. One response per customer and survey: when
 * both answered the same survey the survivor's response stays and the merged customer's is dropped with the merged
 * row (its aspect ratings in {@code survey_answer} follow ingest's own rule).
 */
@Component
class SurveyMergeParticipant extends TableMergeParticipant {
    SurveyMergeParticipant(JdbcClient jdbc) {
        super(jdbc, "surveys", "survey_response");
    }

    @Override
    public void moveRows(long fromId, long toId) {
        jdbc.sql("""
                        update survey_response set customer_id = :to
                        where customer_id = :from
                          and survey_id not in (select survey_id from survey_response where customer_id = :to)""").param("from", fromId).param("to", toId).update();
        jdbc.sql("""
                        update survey_invitation i set customer_id = :to
                        where customer_id = :from and not exists (
                            select 1 from survey_invitation k
                            where k.customer_id = :to and k.survey_id = i.survey_id and k.step_id = i.step_id)""").param("from", fromId).param("to", toId).update();
    }
}
