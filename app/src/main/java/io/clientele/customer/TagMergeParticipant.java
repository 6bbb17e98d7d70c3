package io.clientele.customer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Tags in a merge: the survivor ends up with both customers' tags. */
@Component
class TagMergeParticipant extends TableMergeParticipant {
    TagMergeParticipant(JdbcClient jdbc) {
        super(jdbc, "tags", "customer_tag");
    }

    @Override
    public void moveRows(long fromId, long toId) {
        jdbc.sql("""
                        insert into customer_tag (customer_id, tag, added_at, added_by)
                        select :to, tag, added_at, added_by from customer_tag where customer_id = :from
                        on conflict do nothing""").param("from", fromId).param("to", toId).update();
        jdbc.sql("delete from customer_tag where customer_id = :from")
                .param("from", fromId)
                .update();
    }
}
