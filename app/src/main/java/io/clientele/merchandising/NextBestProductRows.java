package io.clientele.merchandising;

import io.clientele.customer.TableMergeParticipant;
import io.clientele.platform.DataSubject;
import io.clientele.platform.PersonalDataParticipant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The next best product's row of a customer in merges and privacy requests. A merged customer's row is dropped, not
 * moved: it was derived from a history now part of the survivor's, and the next scoring run derives the survivor's
 * from all of it. A person's export lists it; erasure removes it (it says what the person bought).
 */
@Component
class NextBestProductRows extends TableMergeParticipant implements PersonalDataParticipant {
    NextBestProductRows(JdbcClient jdbc) {
        super(jdbc, "next best product", "next_best_product");
    }

    @Override
    public void moveRows(long fromId, long toId) {
        delete(fromId);
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(DataSubject person) {
        return Map.of("nextBestProduct", PersonalDataParticipant.rows(jdbc, """
                select p.sku, p.name, b.sku as because_of, n.lift, n.margin, n.score
                from next_best_product n join product p on p.id = n.product_id
                join product b on b.id = n.because_product_id
                where n.customer_id = :id""", person.id()));
    }

    @Override
    public void erase(DataSubject person) {
        delete(person.id());
    }

    private void delete(long customerId) {
        jdbc.sql("delete from next_best_product where customer_id = :id")
                .param("id", customerId)
                .update();
    }
}
