package io.clientele.journey;

import io.clientele.survey.Answer;
import io.clientele.survey.SurveyAnswered;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code journey_survey_answer}, what survey decisions and survey-answer entries read in their set-based
 * statements, from the survey feature's {@link SurveyAnswered}: one row per question answered, with its rating
 * where the question has one (a rating or NPS question; an aspect, a choice or a free text answers it without).
 */
@Component
class SurveyAnswerFeed {
    private final JdbcClient jdbc;

    SurveyAnswerFeed(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void answered(SurveyAnswered event) {
        Map<String, @Nullable Integer> ratings = new LinkedHashMap<>();
        for (Answer answer : event.answers()) {
            if (answer.item().isEmpty()) {
                ratings.put(answer.question(), answer.value());
            } else {
                ratings.putIfAbsent(answer.question(), null);
            }
        }
        ratings.forEach((question, rating) -> jdbc.sql("""
                        insert into journey_survey_answer (survey_id, customer_id, question, rating, answered_at)
                        values (:survey, :customer, :question, :rating, :at)
                        on conflict (survey_id, customer_id, question)
                        do update set rating = excluded.rating, answered_at = excluded.answered_at""")
                .param("survey", event.surveyId())
                .param("customer", event.customerId())
                .param("question", question)
                .param("rating", rating, Types.INTEGER)
                .param("at", Timestamp.from(event.answeredAt()))
                .update());
    }
}
