package io.clientele.ingest;

import io.clientele.customer.TableMergeParticipant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Survey answers follow a merged customer to the survivor. When both answered the same aspect of the same survey
 * (one answer per customer, survey and aspect), the later answer is kept, and the survivor's on a tie: the same rule
 * as a re-import, so the answer that stays is the one the customer gave last.
 */
@Component
class SurveyAnswersMergeParticipant extends TableMergeParticipant {
    SurveyAnswersMergeParticipant(JdbcClient jdbc) {
        super(jdbc, "surveyAnswers", "survey_answer");
    }

    @Override
    public void moveRows(long fromId, long toId) {
        // the survivor's answers that the merged customer's later answers replace
        jdbc.sql("""
                        delete from survey_answer kept using survey_answer moving
                        where kept.customer_id = :to and moving.customer_id = :from
                          and kept.survey = moving.survey and kept.aspect = moving.aspect
                          and kept.answered_at < moving.answered_at""").param("from", fromId).param("to", toId).update();
        // the merged customer's answers to aspects the survivor still has an answer for: the survivor's stays
        jdbc.sql("""
                        delete from survey_answer moving using survey_answer kept
                        where moving.customer_id = :from and kept.customer_id = :to
                          and kept.survey = moving.survey and kept.aspect = moving.aspect""").param("from", fromId).param("to", toId).update();
        jdbc.sql("update survey_answer set customer_id = :to where customer_id = :from")
                .param("from", fromId)
                .param("to", toId)
                .update();
    }
}
