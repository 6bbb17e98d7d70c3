package io.clientele.segment;

import io.clientele.customer.CustomerMergeParticipant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A merged customer's places in frozen snapshots go to the survivor: a snapshot that held either of them holds the
 * survivor, once.
 */
@Component
class SnapshotMergeParticipant implements CustomerMergeParticipant {
    private final JdbcClient jdbc;

    SnapshotMergeParticipant(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "snapshots";
    }

    @Override
    public int countRows(long fromId) {
        return jdbc.sql("select count(*) from segment_member where customer_id = :id")
                .param("id", fromId)
                .query(Integer.class)
                .single();
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
