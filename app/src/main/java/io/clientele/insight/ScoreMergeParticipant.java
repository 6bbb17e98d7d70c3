package io.clientele.insight;

import io.clientele.customer.TableMergeParticipant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A merged customer's scores are dropped, not moved: they describe a history that is now part of the survivor's,
 * and the next run scores the survivor on all of it.
 */
@Component
class ScoreMergeParticipant extends TableMergeParticipant {
    ScoreMergeParticipant(JdbcClient jdbc) {
        super(jdbc, "scores", "customer_score");
    }

    @Override
    public void moveRows(long fromId, long toId) {
        jdbc.sql("delete from customer_score where customer_id = :id")
                .param("id", fromId)
                .update();
        jdbc.sql("delete from customer_churn where customer_id = :id")
                .param("id", fromId)
                .update();
    }
}
