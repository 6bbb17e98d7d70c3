package io.clientele.privacy;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The retention policy for prospects: a customer who never bought (no receipt, no purchase date) and whose record
 * has not changed for {@code clientele.privacy.prospect-retention-months} months is erased, nightly, in batches of
 * 500 per transaction. 0 (the default) keeps prospects.
 */
@Component
@ConditionalOnProperty(name = "clientele.jobs.enabled", havingValue = "true", matchIfMissing = true)
class ProspectRetention {
    private static final Logger log = LoggerFactory.getLogger(ProspectRetention.class);
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final PersonalData data;
    private final Clock clock;
    private final int months;

    ProspectRetention(
            JdbcClient jdbc,
            PersonalData data,
            Clock clock,
            @Value("${clientele.privacy.prospect-retention-months:0}") int months) {
        this.jdbc = jdbc;
        this.data = data;
        this.clock = clock;
        this.months = months;
    }

    @Scheduled(cron = "${clientele.privacy.retention-cron:0 30 3 * * *}")
    void nightly() {
        if (months > 0) {
            int erased = eraseExpired();
            if (erased > 0) {
                log.info("Retention: erased {} prospects who never bought in {} months", erased, months);
            }
        }
    }

    /** Erases every expired prospect; answers how many. */
    int eraseExpired() {
        var before = clock.instant().atOffset(ZoneOffset.UTC).minusMonths(months);
        int erased = 0;
        while (true) {
            List<Long> batch = jdbc.sql("""
                            select c.id from customer c
                            where c.erased_at is null and c.last_purchase_at is null
                              and c.created_at < :before and c.updated_at < :before
                              and not exists (select 1 from sale s where s.customer_id = c.id)
                            order by c.created_at limit :batch""")
                    .param("before", before)
                    .param("batch", BATCH)
                    .query(Long.class)
                    .list();
            if (batch.isEmpty()) {
                return erased;
            }
            erased += data.eraseAll(batch, "retention");
        }
    }
}
