package io.clientele.ingest;

import io.clientele.customer.TableMergeParticipant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Receipts follow a merged customer to the survivor. (The merge itself widens the survivor's first and last purchase
 * by the merged customer's.)
 */
@Component
class SalesMergeParticipant extends TableMergeParticipant {
    SalesMergeParticipant(JdbcClient jdbc) {
        super(jdbc, "sales", "sale");
    }

    @Override
    public void moveRows(long fromId, long toId) {
        jdbc.sql("update sale set customer_id = :to where customer_id = :from")
                .param("from", fromId)
                .param("to", toId)
                .update();
    }
}
