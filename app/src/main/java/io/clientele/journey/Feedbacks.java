package io.clientele.journey;

import io.clientele.journey.JourneyGraph.*;
import java.util.List;
import java.util.Map;

/**
 * A decision's question as an SQL condition on a position {@code p} (parameters prefixed {@code f_}): the responses
 * to the asked send's steps recorded since the customer entered, or the survey answers given since.
 */
final class Feedbacks {
    private Feedbacks() {}

    /**
     * The condition, and a coarser one it implies that does not depend on the position's row ({@code p.customer_id in
     * (…)}): PostgreSQL hashes that one once per statement, so a claim among a million waiting customers probes the
     * responses' index only for those who responded at all.
     */
    record Sql(String condition, String responders, Map<String, Object> params) {}

    static Sql of(Feedback feedback, List<Long> steps) {
        return switch (feedback) {
            case Opened o -> response("r.kind in ('OPENED', 'CLICKED')", steps, Map.of());
            case Clicked c ->
                c.link() == null
                        ? response("r.kind = 'CLICKED'", steps, Map.of())
                        : response("r.kind = 'CLICKED' and r.detail = :f_link", steps, Map.of("f_link", c.link()));
            case Responded r ->
                response("r.kind in ('OPENED', 'CLICKED', 'CALL_OUTCOME', 'REDEEMED')", steps, Map.of());
            case Redeemed r -> response("r.kind = 'REDEEMED'", steps, Map.of());
            case CallOutcome c ->
                response(
                        "r.kind = 'CALL_OUTCOME' and r.detail in (:f_outcomes)",
                        steps,
                        Map.of("f_outcomes", List.copyOf(c.outcomes())));
            case SurveyAnswer s -> answer("", Map.of("f_survey", s.surveyId()));
            case SurveyRating s ->
                answer(
                        " and a.question = :f_question and a.rating " + (s.op() == Comparison.GE ? ">=" : "<=")
                                + " :f_value",
                        Map.of("f_survey", s.surveyId(), "f_question", s.question(), "f_value", s.value()));
        };
    }

    private static Sql response(String kind, List<Long> steps, Map<String, Object> extra) {
        // an empty list would be "in ()": no step means no response
        List<Long> asked = steps.isEmpty() ? List.of(-1L) : steps;
        Map<String, Object> params = new java.util.HashMap<>(extra);
        params.put("f_steps", asked);
        return new Sql(
                "exists (select 1 from campaign_response r where r.step_id in (:f_steps)"
                        + " and r.customer_id = p.customer_id and r.at >= p.entered_at and " + kind + ")",
                "p.customer_id in (select r.customer_id from campaign_response r where r.step_id in (:f_steps) and "
                        + kind + ")",
                params);
    }

    private static Sql answer(String rating, Map<String, Object> params) {
        return new Sql(
                "exists (select 1 from journey_survey_answer a where a.survey_id = :f_survey"
                        + " and a.customer_id = p.customer_id and a.answered_at >= p.entered_at" + rating + ")",
                "p.customer_id in (select a.customer_id from journey_survey_answer a where a.survey_id = :f_survey"
                        + rating + ")",
                params);
    }
}
