package io.clientele.segment;

import io.clientele.customer.TableMergeParticipant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A merged customer's places in frozen snapshots go to the survivor: a snapshot that held either of them holds the
 * survivor, once.
 */
@Component
class SnapshotMergeParticipant extends TableMergeParticipant {
    SnapshotMergeParticipant(JdbcClient jdbc) {
        super(jdbc, "snapshots", "segment_member");
    }

    @Override
    public void moveRows(long fromId, long toId) {
        jdbc.sql("""
                        insert into segment_member (segment_id, customer_id)
                        select segment_id, :to from segment_member where customer_id = :from
                        on conflict do nothing""").param("from", fromId).param("to", toId).update();
        jdbc.sql("delete from segment_member where customer_id = :from")
                .param("from", fromId)
                .update();
    }
}
