package io.clientele.journey;

import io.clientele.customer.TableMergeParticipant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A merged customer's journeys follow them to the survivor, path and all, in the journeys the survivor has not
 * entered; where both entered the same journey the survivor's entries stand (two sets of entry numbers cannot be
 * one) and the merged customer's go with them. Survey answers the survivor did not give, and forms the survivor did
 * not send, move too.
 */
@Component
class JourneyMergeParticipant extends TableMergeParticipant {
    JourneyMergeParticipant(JdbcClient jdbc) {
        super(jdbc, "journeys", "journey_position");
    }

    @Override
    public void moveRows(long fromId, long toId) {
        // the path first, by the same rule (no key ties it to its position: V31); the positions left behind go with
        // the merged customer's row, and their path with them (statement-level triggers)
        jdbc.sql("""
                        update journey_path set customer_id = :to
                        where customer_id = :from
                          and campaign_id not in (select campaign_id from journey_position where customer_id = :to)""").param("from", fromId).param("to", toId).update();
        jdbc.sql("""
                        update journey_position set customer_id = :to
                        where customer_id = :from
                          and campaign_id not in (select campaign_id from journey_position where customer_id = :to)""").param("from", fromId).param("to", toId).update();
        jdbc.sql("""
                        update journey_survey_answer a set customer_id = :to
                        where a.customer_id = :from
                          and not exists (select 1 from journey_survey_answer b
                                          where b.customer_id = :to and b.survey_id = a.survey_id
                                            and b.question = a.question)""").param("from", fromId).param("to", toId).update();
        jdbc.sql("""
                        update journey_form_submission a set customer_id = :to
                        where a.customer_id = :from
                          and not exists (select 1 from journey_form_submission b
                                          where b.customer_id = :to and b.form_id = a.form_id)""").param("from", fromId).param("to", toId).update();
    }
}
