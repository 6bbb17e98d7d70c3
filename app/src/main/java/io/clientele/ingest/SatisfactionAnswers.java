package io.clientele.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * One customer's aspect ratings from an answered survey, written into {@code survey_answer} beside the imported ones,
 * so the next scoring run's satisfaction (perceived over expected) and 3×3 matrix count them. The caller (the survey
 * feature) puts the answer on the timeline itself; this only keeps the ratings, one per customer, survey and aspect,
 * a later answer replacing an earlier one as a re-import does.
 */
@Component
public class SatisfactionAnswers {
    /** An aspect rated on 1–5: what the customer perceived, and what they had expected. */
    public record Rating(String aspect, int perceived, int expected) {
        public Rating {
            if (perceived < 1 || perceived > 5 || expected < 1 || expected > 5) {
                throw new IllegalArgumentException("ratings are 1-5: " + perceived + "/" + expected);
            }
        }
    }

    private final JdbcClient jdbc;

    SatisfactionAnswers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Keeps the ratings in the caller's transaction.
     *
     * @param survey the survey's language-independent key, as imports name surveys
     * @param source where the answer came from ({@code survey}), kept for the reader of the table
     */
    @Transactional
    public void record(long customerId, String survey, List<Rating> ratings, Instant answeredAt, String source) {
        for (Rating rating : ratings) {
            jdbc.sql("""
                            insert into survey_answer (customer_id, survey, aspect, perceived, expected, answered_at,
                                                       source)
                            values (:customer, :survey, :aspect, :perceived, :expected, :at, :source)
                            on conflict (customer_id, survey, aspect) do update
                            set perceived = excluded.perceived, expected = excluded.expected,
                                answered_at = excluded.answered_at, source = excluded.source, import_job_id = null
                            where survey_answer.answered_at <= excluded.answered_at""")
                    .param("customer", customerId)
                    .param("survey", survey)
                    .param("aspect", rating.aspect())
                    .param("perceived", rating.perceived())
                    .param("expected", rating.expected())
                    .param("at", Timestamp.from(answeredAt))
                    .param("source", source)
                    .update();
        }
    }
}
