package io.clientele.survey;

import static io.clientele.platform.db.Rows.instant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A survey's results, over all its responses or those of one campaign: links sent and responses (the rate), and per
 * question the distribution of its answers, the mean rating or the NPS with their 95 % intervals ({@link Estimate}),
 * the aspects' perceived and expected means, and the latest free texts.
 */
@Service
public class SurveyResults {
    /** How many free texts a question's results list, newest first. */
    static final int TEXTS = 50;

    public record Results(
            Survey survey,
            @Nullable Long campaignId,
            long sent,
            long answered,
            @Nullable Double responseRate,
            List<QuestionResult> questions,
            List<Long> campaigns) {}

    /**
     * One question's answers: {@code counts} per rating (lowest first) or per option, in the question's order; the
     * mean rating (RATING and NPS), the NPS (NPS), both null without answers; per aspect the perceived and expected
     * means (NaN without answers); the latest texts.
     */
    public record QuestionResult(
            Question question,
            long answered,
            Map<String, Long> counts,
            @Nullable Estimate mean,
            @Nullable Estimate nps,
            List<AspectResult> aspects,
            List<TextAnswer> texts) {}

    public record AspectResult(Option aspect, long n, double perceived, double expected) {
        /** Perceived over expected, as the satisfaction score counts it. */
        public double satisfaction() {
            return expected == 0 ? Double.NaN : perceived / expected;
        }
    }

    public record TextAnswer(String text, Instant answeredAt) {}

    private final JdbcClient jdbc;
    private final Surveys surveys;

    SurveyResults(JdbcClient jdbc, Surveys surveys) {
        this.jdbc = jdbc;
        this.surveys = surveys;
    }

    public Results of(long surveyId, @Nullable Long campaignId) {
        Survey survey = surveys.find(surveyId);
        String byCampaign = campaignId == null ? "" : " and campaign_id = :campaign";
        Map<String, Object> params = new HashMap<>();
        params.put("survey", surveyId);
        if (campaignId != null) {
            params.put("campaign", campaignId);
        }
        long sent = jdbc.sql("select count(*) from survey_invitation where survey_id = :survey" + byCampaign)
                .params(params)
                .query(Long.class)
                .single();
        long answered = jdbc.sql("select count(*) from survey_response where survey_id = :survey" + byCampaign)
                .params(params)
                .query(Long.class)
                .single();
        // answers to links of this survey's sends, over its links sent: answers given otherwise have no "sent"
        long answeredLinks = jdbc.sql("""
                        select count(*) from survey_response r
                        where r.survey_id = :survey and exists (
                            select 1 from survey_invitation i
                            where i.survey_id = r.survey_id and i.step_id = r.step_id and i.customer_id = r.customer_id)
                        """ + byCampaign.replace("campaign_id", "r.campaign_id"))
                .params(params)
                .query(Long.class)
                .single();
        List<Long> campaigns =
                jdbc.sql("""
                        select campaign_id from survey_invitation where survey_id = :survey
                        union select campaign_id from survey_response where survey_id = :survey
                                                                      and campaign_id is not null
                        order by 1""").param("survey", surveyId).query(Long.class).list();
        Map<Long, Map<String, Long>> counts = new HashMap<>();
        Map<Long, Long> answeredPerQuestion = new HashMap<>();
        jdbc.sql("""
                        select a.question_id, coalesce(a.value::text, a.item) as answer, count(*) as n
                        from survey_response_answer a join survey_response r on r.id = a.response_id
                        where r.survey_id = :survey""" + byCampaign.replace("campaign_id", "r.campaign_id") + """

                          and a.text_value is null and a.expected is null
                        group by a.question_id, 2""")
                .params(params)
                .query(rs -> {
                    counts.computeIfAbsent(rs.getLong("question_id"), k -> new HashMap<>())
                            .put(rs.getString("answer"), rs.getLong("n"));
                });
        jdbc.sql("""
                        select a.question_id, count(distinct a.response_id) as n
                        from survey_response_answer a join survey_response r on r.id = a.response_id
                        where r.survey_id = :survey""" + byCampaign.replace("campaign_id", "r.campaign_id") + """

                        group by a.question_id""")
                .params(params)
                .query(rs -> {
                    answeredPerQuestion.put(rs.getLong("question_id"), rs.getLong("n"));
                });
        List<QuestionResult> questions = new ArrayList<>();
        for (Question q : survey.questions()) {
            questions.add(question(q, counts.getOrDefault(q.id(), Map.of()), answeredPerQuestion, params, byCampaign));
        }
        return new Results(
                survey,
                campaignId,
                sent,
                answered,
                sent == 0 ? null : (double) answeredLinks / sent,
                questions,
                campaigns);
    }

    private QuestionResult question(
            Question q,
            Map<String, Long> counted,
            Map<Long, Long> answeredPerQuestion,
            Map<String, Object> params,
            String byCampaign) {
        long answered = answeredPerQuestion.getOrDefault(q.id(), 0L);
        Map<String, Long> counts = new LinkedHashMap<>();
        Estimate mean = null;
        Estimate nps = null;
        List<AspectResult> aspects = new ArrayList<>();
        List<TextAnswer> texts = List.of();
        Map<String, Object> questionParams = new HashMap<>(params);
        questionParams.put("question", q.id());
        String join = "from survey_response_answer a join survey_response r on r.id = a.response_id"
                + " where a.question_id = :question" + byCampaign.replace("campaign_id", "r.campaign_id");
        switch (q.kind()) {
            case RATING, NPS -> {
                long[] perValue = new long[q.kind().max() - q.kind().min() + 1];
                for (int v = q.kind().min(); v <= q.kind().max(); v++) {
                    long n = counted.getOrDefault(String.valueOf(v), 0L);
                    perValue[v - q.kind().min()] = n;
                    counts.put(String.valueOf(v), n);
                }
                // no figure rather than NaN when nobody answered
                if (q.kind() == QuestionKind.NPS && answered > 0) {
                    nps = Estimate.nps(perValue);
                }
                mean = answered > 0 ? Estimate.mean(perValue, q.kind().min()) : null;
            }
            case SINGLE_CHOICE, MULTIPLE_CHOICE -> {
                for (Option o : q.options()) {
                    counts.put(o.key(), counted.getOrDefault(o.key(), 0L));
                }
            }
            case ASPECTS -> {
                Map<String, double[]> byAspect = new HashMap<>();
                jdbc.sql("select a.item, count(*) as n, avg(a.value) as p, avg(a.expected) as e " + join
                                + " group by a.item")
                        .params(questionParams)
                        .query(rs -> {
                            byAspect.put(
                                    rs.getString("item"),
                                    new double[] {rs.getLong("n"), rs.getDouble("p"), rs.getDouble("e")});
                        });
                for (Option o : q.options()) {
                    double[] row = byAspect.getOrDefault(o.key(), new double[] {0, Double.NaN, Double.NaN});
                    aspects.add(new AspectResult(o, (long) row[0], row[1], row[2]));
                }
            }
            case FREE_TEXT ->
                texts = jdbc.sql("select a.text_value, r.answered_at " + join
                                + " and a.text_value is not null order by r.answered_at desc, r.id desc limit :limit")
                        .params(questionParams)
                        .param("limit", TEXTS)
                        .query((rs, n) -> new TextAnswer(rs.getString("text_value"), instant(rs, "answered_at")))
                        .list();
        }
        return new QuestionResult(q, answered, counts, mean, nps, aspects, texts);
    }
}
