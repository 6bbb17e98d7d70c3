package io.clientele.customer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The merged customer's timeline joins the survivor's, so nothing that happened to either is lost. */
@Component
class TimelineMergeParticipant implements CustomerMergeParticipant {
    private final JdbcClient jdbc;

    TimelineMergeParticipant(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "timeline";
    }

    @Override
    public int countRows(long fromId) {
        return jdbc.sql("select count(*) from interaction where customer_id = :id")
                .param("id", fromId)
                .query(Integer.class)
                .single();
    }

    @Override
    public void moveRows(long fromId, long toId) {
        jdbc.sql("update interaction set customer_id = :to where customer_id = :from")
                .param("from", fromId)
                .param("to", toId)
                .update();
    }
}
