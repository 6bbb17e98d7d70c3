package io.clientele.customer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Consents in a merge: all history moves; per channel, the more recent current state wins (the survivor's on a tie). */
@Component
class ConsentMergeParticipant extends TableMergeParticipant {
    ConsentMergeParticipant(JdbcClient jdbc) {
        super(jdbc, "consents", "customer_consent_event");
    }

    @Override
    public void moveRows(long fromId, long toId) {
        jdbc.sql("""
                        insert into customer_consent (customer_id, channel, granted, source, recorded_at)
                        select :to, channel, granted, source, recorded_at from customer_consent where customer_id = :from
                        on conflict (customer_id, channel) do update
                        set granted = excluded.granted, source = excluded.source, recorded_at = excluded.recorded_at
                        where excluded.recorded_at > customer_consent.recorded_at""").param("from", fromId).param("to", toId).update();
        jdbc.sql("delete from customer_consent where customer_id = :from")
                .param("from", fromId)
                .update();
        jdbc.sql("update customer_consent_event set customer_id = :to where customer_id = :from")
                .param("from", fromId)
                .param("to", toId)
                .update();
    }
}
