package io.clientele.ingest;

import io.clientele.customer.TableMergeParticipant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Receipts follow a merged customer to the survivor, whose first and last purchase are then read again from them. */
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
        jdbc.sql("""
                        update customer c set first_purchase_at = x.first_at, last_purchase_at = x.last_at
                        from (select min(sold_at) as first_at, max(sold_at) as last_at from sale
                              where customer_id = :to and kind = 'SALE') x
                        where c.id = :to""").param("to", toId).update();
    }
}
