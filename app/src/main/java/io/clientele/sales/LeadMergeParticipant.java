package io.clientele.sales;

import io.clientele.customer.TableMergeParticipant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A merged customer's leads and opportunities follow them to the survivor. One open lead per person: when both have
 * one, the merged customer's is disqualified as a duplicate (its history stays).
 */
@Component
class LeadMergeParticipant extends TableMergeParticipant {
    LeadMergeParticipant(JdbcClient jdbc) {
        super(jdbc, "leads", "lead");
    }

    @Override
    public void moveRows(long fromId, long toId) {
        jdbc.sql("""
                        update lead set status = 'DISQUALIFIED', disqualify_reason = 'Merged into customer ' || :to
                        where customer_id = :from and status in ('NEW', 'WORKING')
                          and exists (select 1 from lead s where s.customer_id = :to and s.status in ('NEW', 'WORKING'))""").param("from", fromId).param("to", toId).update();
        jdbc.sql("update lead set customer_id = :to where customer_id = :from")
                .param("from", fromId)
                .param("to", toId)
                .update();
        jdbc.sql("update opportunity set customer_id = :to where customer_id = :from")
                .param("from", fromId)
                .param("to", toId)
                .update();
    }
}
