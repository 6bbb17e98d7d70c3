package io.clientele.segment;

import static io.clientele.platform.PersonalDataParticipant.rows;

import io.clientele.platform.DataSubject;
import io.clientele.platform.PersonalDataParticipant;
import io.clientele.segment.audience.SegmentAudience;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The snapshots that froze the person, and the summary behind fast counts. Erasure takes the person out of every
 * snapshot and out of {@code segment_customer} (the next fold writes the tombstone's empty row; until then the
 * customer, marked changed by the erasure, is counted from the base tables), and once committed reads the audience
 * index again whole, so that no memory holds the person's values.
 */
@Component
class SegmentPersonalData implements PersonalDataParticipant {
    private final JdbcClient jdbc;
    private final SegmentAudience audience;

    SegmentPersonalData(JdbcClient jdbc, SegmentAudience audience) {
        this.jdbc = jdbc;
        this.audience = audience;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(DataSubject person) {
        return Map.of("segment_snapshots", rows(jdbc, """
                select s.id as segment_id, s.name as segment, v.version, v.snapshot_at
                from segment_member m join segment s on s.id = m.segment_id
                left join segment_version v on v.segment_id = s.id and v.version = s.version
                where m.customer_id = :id order by s.id""", person.id()));
    }

    @Override
    public void erase(DataSubject person) {
        jdbc.sql("delete from segment_member where customer_id = :id")
                .param("id", person.id())
                .update();
        jdbc.sql("delete from segment_customer where id = :id")
                .param("id", person.id())
                .update();
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            audience.reloadWhole();
        } else if (!TransactionSynchronizationManager.hasResource(this)) {
            // once per transaction, however many people it erases
            TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    audience.reloadWhole();
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResource(SegmentPersonalData.this);
                }
            });
        }
    }
}
