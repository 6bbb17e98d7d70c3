package io.clientele.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The nightly schedule queues one run per day however often (and on however many nodes) it fires. */
class NightlyScoringIntegrationTest extends ApplicationTestSupport {
    @Autowired
    ScoringWorker worker;

    @Test
    void queuesOneRunAsOfYesterdayPerDay() {
        LocalDate yesterday = LocalDate.ofInstant(TEST_NOW, ZoneOffset.UTC).minusDays(1);

        worker.queueNightly();
        worker.queueNightly();

        assertThat(jdbc.sql("select count(*) from score_run where trigger = 'SCHEDULE' and as_of = :day")
                        .param("day", yesterday)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }
}
