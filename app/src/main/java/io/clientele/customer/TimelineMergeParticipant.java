package io.clientele.customer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The merged customer's timeline joins the survivor's, so nothing that happened to either is lost. */
@Component
class TimelineMergeParticipant extends TableMergeParticipant {
    TimelineMergeParticipant(JdbcClient jdbc) {
        super(jdbc, "timeline", "interaction");
    }

    @Override
    public void moveRows(long fromId, long toId) {
        jdbc.sql("update interaction set customer_id = :to where customer_id = :from")
                .param("from", fromId)
                .param("to", toId)
                .update();
    }
}
