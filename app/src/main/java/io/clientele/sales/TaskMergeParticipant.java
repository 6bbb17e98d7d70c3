package io.clientele.sales;

import io.clientele.customer.TableMergeParticipant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A merged customer's tasks follow them to the survivor, except those of an origin the survivor has one of. */
@Component
class TaskMergeParticipant extends TableMergeParticipant {
    TaskMergeParticipant(JdbcClient jdbc) {
        super(jdbc, "tasks", "task");
    }

    @Override
    public void moveRows(long fromId, long toId) {
        jdbc.sql("""
                        update task t set customer_id = :to
                        where t.customer_id = :from
                          and not exists (select 1 from task s where s.customer_id = :to and s.origin = t.origin)""").param("from", fromId).param("to", toId).update();
    }
}
