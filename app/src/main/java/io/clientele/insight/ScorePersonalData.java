package io.clientele.insight;

import static io.clientele.platform.PersonalDataParticipant.rows;

import io.clientele.platform.DataSubject;
import io.clientele.platform.PersonalDataParticipant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The person's scores of every run and the months they counted as churned. Erasure keeps them with the anonymous
 * tombstone: they are numbers and classes without a name, and the runs' grade and churn figures stay as they were.
 */
@Component
class ScorePersonalData implements PersonalDataParticipant {
    private final JdbcClient jdbc;

    ScorePersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(DataSubject person) {
        Map<String, List<Map<String, Object>>> kinds = new LinkedHashMap<>();
        kinds.put("scores", rows(jdbc, """
                select s.run_id, r.finished_at, s.recency_days, s.frequency, s.revenue, s.profit, s.r, s.f, s.m,
                       s.rfm_segment, s.grade, s.churned, s.loyalty, s.satisfaction, s.satisfaction_level,
                       s.satisfaction_source, s.volume_level, s.matrix_class, s.marketing_direct_cost, s.marketing_allocated_cost,
                       s.net_profit
                from customer_score s join score_run r on r.id = s.run_id
                where s.customer_id = :id order by s.run_id""", person.id()));
        kinds.put("churn", rows(jdbc, """
                select run_id, month, grade from customer_churn where customer_id = :id order by run_id, month""", person.id()));
        return kinds;
    }

    @Override
    public void erase(DataSubject person) {
        // nothing names the person: the rows stay with the tombstone
    }
}
