package io.clientele.survey;

import static io.clientele.platform.db.Rows.instant;
import static io.clientele.platform.db.Rows.timestamptz;

import io.clientele.customer.InteractionKind;
import io.clientele.customer.Timeline;
import io.clientele.ingest.SatisfactionAnswers;
import io.clientele.platform.AfterCommit;
import io.clientele.platform.ConflictException;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Survey answers: one response per customer and survey, stored with its answers per question, its aspect ratings
 * handed to the satisfaction score, an entry on the customer's timeline and {@link SurveyAnswered} published after
 * commit — all or nothing. The journey engine asks {@link #answered} for the responses since its last look.
 */
@Service
public class SurveyResponses {
    /** The customer has answered this survey already; nothing was stored. */
    public static class AlreadyAnswered extends ConflictException {
        AlreadyAnswered(long surveyId, long customerId) {
            super("customer " + customerId + " has answered survey " + surveyId + " already");
        }
    }

    /** The survey does not take answers (a draft, or closed); nothing was stored. */
    public static class NotOpen extends ConflictException {
        NotOpen(Survey survey) {
            super("survey " + survey.key() + " is " + survey.status());
        }
    }

    private final JdbcClient jdbc;
    private final Surveys surveys;
    private final Timeline timeline;
    private final SatisfactionAnswers satisfaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SurveyResponses(
            JdbcClient jdbc,
            Surveys surveys,
            Timeline timeline,
            SatisfactionAnswers satisfaction,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.surveys = surveys;
        this.timeline = timeline;
        this.satisfaction = satisfaction;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Checks and stores a customer's answers, given as form fields (see {@link AnswerValidator}).
     *
     * @param language the language the customer answered in ({@code en}, {@code zh})
     * @return the response's id
     * @throws InvalidInputException naming each question answered wrongly
     * @throws AlreadyAnswered when the customer answered the survey before (a reused link, a second POST)
     * @throws NotOpen when the survey is not active
     */
    @Transactional
    public long submit(
            LinkTarget target,
            ResponseChannel channel,
            String language,
            String answeredBy,
            Map<String, List<String>> fields) {
        Survey survey = surveys.find(target.surveyId());
        if (survey.status() != SurveyStatus.ACTIVE) {
            throw new NotOpen(survey);
        }
        List<Answer> answers = AnswerValidator.check(survey, fields);
        boolean known = jdbc.sql("select exists (select 1 from customer where id = :id)")
                .param("id", target.customerId())
                .query(Boolean.class)
                .single();
        if (!known) {
            throw new InvalidInputException(FieldProblem.of("customerId", "validation.unknown", target.customerId()));
        }
        Instant now = clock.instant();
        Optional<Long> responseId = jdbc.sql("""
                        insert into survey_response (survey_id, customer_id, campaign_id, step_id, channel, language,
                                                     answered_at, answered_by)
                        values (:survey, :customer, :campaign, :step, :channel, :language, :at, :by)
                        on conflict (survey_id, customer_id) do nothing
                        returning id""")
                .param("survey", survey.id())
                .param("customer", target.customerId())
                .param("campaign", target.campaignId())
                .param("step", target.stepId())
                .param("channel", channel.name())
                .param("language", language)
                .param("at", timestamptz(now))
                .param("by", answeredBy)
                .query(Long.class)
                .optional();
        if (responseId.isEmpty()) {
            throw new AlreadyAnswered(survey.id(), target.customerId());
        }
        long id = responseId.get();
        List<SatisfactionAnswers.Rating> ratings = new ArrayList<>();
        for (Answer answer : answers) {
            Question question = survey.question(answer.question()).orElseThrow();
            jdbc.sql("""
                            insert into survey_response_answer (response_id, question_id, item, value, expected,
                                                                text_value)
                            values (:response, :question, :item, :value, :expected, :text)""")
                    .param("response", id)
                    .param("question", question.id())
                    .param("item", answer.item())
                    .param("value", answer.value())
                    .param("expected", answer.expected())
                    .param("text", answer.text())
                    .update();
            if (question.kind() == QuestionKind.ASPECTS && answer.value() != null && answer.expected() != null) {
                ratings.add(new SatisfactionAnswers.Rating(answer.item(), answer.value(), answer.expected()));
            }
        }
        if (!ratings.isEmpty()) {
            satisfaction.record(target.customerId(), survey.key(), ratings, now, "survey");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("survey", survey.key());
        details.put("response", id);
        details.put("channel", channel.name());
        if (target.campaignId() != null) {
            details.put("campaign", target.campaignId());
            details.put("step", target.stepId());
        }
        timeline.record(target.customerId(), InteractionKind.SURVEY_ANSWERED, survey.name(), details);
        AfterCommit.publish(
                events,
                new SurveyAnswered(
                        target.customerId(),
                        survey.id(),
                        survey.key(),
                        id,
                        target.campaignId(),
                        target.stepId(),
                        now,
                        answers));
        return id;
    }

    /** Whether the customer has answered the survey. */
    public boolean hasAnswered(long surveyId, long customerId) {
        return jdbc.sql("select exists (select 1 from survey_response where survey_id = :s and customer_id = :c)")
                .param("s", surveyId)
                .param("c", customerId)
                .query(Boolean.class)
                .single();
    }

    /**
     * The survey's responses answered at or after {@code since}, oldest first, at most {@code limit}: what a journey
     * polls for (answers included) when it does not listen to {@link SurveyAnswered}. Answers commit a little out of
     * their time order, so a poller asks again from a little before the last time it saw and skips the response ids
     * it has.
     */
    public List<SurveyAnswered> answered(long surveyId, Instant since, int limit) {
        Survey survey = surveys.find(surveyId);
        Map<Long, String> questionKeys = new LinkedHashMap<>();
        survey.questions().forEach(q -> questionKeys.put(q.id(), q.key()));
        List<SurveyAnswered> responses = jdbc.sql("""
                        select id, customer_id, campaign_id, step_id, answered_at from survey_response
                        where survey_id = :survey and answered_at >= :since
                        order by answered_at, id limit :limit""")
                .param("survey", surveyId)
                .param("since", timestamptz(since))
                .param("limit", limit)
                .query((rs, n) -> new SurveyAnswered(
                        rs.getLong("customer_id"),
                        surveyId,
                        survey.key(),
                        rs.getLong("id"),
                        rs.getObject("campaign_id", Long.class),
                        rs.getObject("step_id", Long.class),
                        instant(rs, "answered_at"),
                        List.of()))
                .list();
        if (responses.isEmpty()) {
            return responses;
        }
        Map<Long, List<Answer>> answers = new LinkedHashMap<>();
        jdbc.sql("""
                        select response_id, question_id, item, value, expected, text_value
                        from survey_response_answer where response_id in (:ids)""")
                .param("ids", responses.stream().map(SurveyAnswered::responseId).toList())
                .query(rs -> {
                    answers.computeIfAbsent(rs.getLong("response_id"), k -> new ArrayList<>())
                            .add(new Answer(
                                    questionKeys.get(rs.getLong("question_id")),
                                    rs.getString("item"),
                                    rs.getObject("value", Integer.class),
                                    rs.getObject("expected", Integer.class),
                                    rs.getString("text_value")));
                });
        return responses.stream()
                .map(r -> new SurveyAnswered(
                        r.customerId(),
                        r.surveyId(),
                        r.surveyKey(),
                        r.responseId(),
                        r.campaignId(),
                        r.stepId(),
                        r.answeredAt(),
                        answers.getOrDefault(r.responseId(), List.of())))
                .toList();
    }
}
