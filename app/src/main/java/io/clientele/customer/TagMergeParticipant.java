package io.clientele.customer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Tags in a merge: the survivor ends up with both customers' tags. */
@Component
class TagMergeParticipant implements CustomerMergeParticipant {
    private final JdbcClient jdbc;

    TagMergeParticipant(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "tags";
    }

    @Override
    public int countRows(long fromId) {
        return jdbc.sql("select count(*) from customer_tag where customer_id = :id")
                .param("id", fromId)
                .query(Integer.class)
                .single();
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
