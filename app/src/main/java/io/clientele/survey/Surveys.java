package io.clientele.survey;

import static io.clientele.platform.db.Rows.instant;
import static io.clientele.platform.db.Rows.timestamptz;

import io.clientele.platform.ConflictException;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.PageResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Survey definitions: created and changed as drafts, then activated (links answer from then on) and closed (links
 * say so). The questions of an active or closed survey never change, so every stored answer keeps its question.
 */
@Service
public class Surveys {
    private static final TypeReference<List<Map<String, String>>> OPTIONS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    Surveys(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public Survey create(SurveyInput input, String actor) {
        SurveyInput.Valid valid = input.validate();
        long id;
        try {
            id = jdbc.sql("""
                            insert into survey (key, name, title_en, title_zh, intro_en, intro_zh, thanks_en, thanks_zh,
                                                created_by, created_at, updated_by, updated_at)
                            values (:key, :name, :titleEn, :titleZh, :introEn, :introZh, :thanksEn, :thanksZh,
                                    :actor, :now, :actor, :now)
                            returning id""").params(texts(valid, actor)).query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw new InvalidInputException(FieldProblem.of("key", "survey.validation.keyTaken"));
        }
        insertQuestions(id, valid.questions());
        return find(id);
    }

    /** Changes a draft: its texts and its questions (replaced whole). */
    @Transactional
    public Survey update(long id, SurveyInput input, String actor) {
        SurveyInput.Valid valid = input.validate();
        Map<String, Object> params = texts(valid, actor);
        params.put("id", id);
        int changed;
        try {
            changed = jdbc.sql("""
                            update survey set key = :key, name = :name, title_en = :titleEn, title_zh = :titleZh,
                                              intro_en = :introEn, intro_zh = :introZh, thanks_en = :thanksEn,
                                              thanks_zh = :thanksZh, updated_by = :actor, updated_at = :now
                            where id = :id and status = 'DRAFT'""").params(params).update();
        } catch (DuplicateKeyException e) {
            throw new InvalidInputException(FieldProblem.of("key", "survey.validation.keyTaken"));
        }
        if (changed == 0) {
            find(id);
            throw new ConflictException("survey " + id + " is no longer a draft");
        }
        jdbc.sql("delete from survey_question where survey_id = :id")
                .param("id", id)
                .update();
        insertQuestions(id, valid.questions());
        return find(id);
    }

    /** Deletes a draft no campaign has sent a link to; anything else is kept for its answers and links. */
    @Transactional
    public void delete(long id) {
        int deleted = jdbc.sql("""
                        delete from survey s where s.id = :id and s.status = 'DRAFT'
                          and not exists (select 1 from survey_invitation i where i.survey_id = s.id)""").param("id", id).update();
        if (deleted == 0) {
            throw new ConflictException("survey " + find(id).key() + " is not a draft without links; close it instead");
        }
    }

    /** A draft starts taking answers. */
    public Survey activate(long id, String actor) {
        return move(id, SurveyStatus.DRAFT, SurveyStatus.ACTIVE, actor);
    }

    /** An active survey stops taking answers; its links then say it is closed. */
    public Survey close(long id, String actor) {
        return move(id, SurveyStatus.ACTIVE, SurveyStatus.CLOSED, actor);
    }

    private Survey move(long id, SurveyStatus from, SurveyStatus to, String actor) {
        int changed = jdbc.sql("""
                        update survey set status = :to, updated_by = :actor, updated_at = :now
                        where id = :id and status = :from""")
                .param("id", id)
                .param("from", from.name())
                .param("to", to.name())
                .param("actor", actor)
                .param("now", timestamptz(clock.instant()))
                .update();
        Survey survey = find(id);
        if (changed == 0) {
            throw new ConflictException("survey " + id + " is " + survey.status() + ", not " + from);
        }
        return survey;
    }

    public Survey find(long id) {
        return findOptional(id).orElseThrow(() -> new NotFoundException("survey " + id));
    }

    public Optional<Survey> findOptional(long id) {
        return one("where s.id = :id", Map.of("id", id));
    }

    public Optional<Survey> findByKey(String key) {
        return one("where s.key = :key", Map.of("key", key));
    }

    /** Surveys, newest first, optionally of one status. */
    public PageResult<Survey> page(@Nullable SurveyStatus status, int page, int size) {
        String where = status == null ? "" : " where s.status = :status";
        Map<String, Object> params = new LinkedHashMap<>();
        if (status != null) {
            params.put("status", status.name());
        }
        long total = jdbc.sql("select count(*) from survey s" + where)
                .params(params)
                .query(Long.class)
                .single();
        params.put("size", size);
        params.put("offset", (long) page * size);
        List<Survey> rows = jdbc.sql(
                        "select s.* from survey s" + where + " order by s.id desc limit :size offset :offset")
                .params(params)
                .query((rs, n) -> survey(rs))
                .list();
        Map<Long, List<Question>> questions =
                questions(rows.stream().map(Survey::id).toList());
        return new PageResult<>(
                rows.stream()
                        .map(s -> withQuestions(s, questions.getOrDefault(s.id(), List.of())))
                        .toList(),
                page,
                size,
                total);
    }

    private Optional<Survey> one(String where, Map<String, Object> params) {
        return jdbc.sql("select s.* from survey s " + where)
                .params(params)
                .query((rs, n) -> survey(rs))
                .optional()
                .map(s -> withQuestions(s, questions(List.of(s.id())).getOrDefault(s.id(), List.of())));
    }

    private static Survey withQuestions(Survey s, List<Question> questions) {
        return new Survey(
                s.id(),
                s.key(),
                s.name(),
                s.status(),
                s.title(),
                s.intro(),
                s.thanks(),
                questions,
                s.updatedBy(),
                s.updatedAt());
    }

    /** The questions of these surveys, in order, by survey; one query for a page of surveys. */
    private Map<Long, List<Question>> questions(List<Long> surveyIds) {
        Map<Long, List<Question>> bySurvey = new LinkedHashMap<>();
        if (surveyIds.isEmpty()) {
            return bySurvey;
        }
        jdbc.sql("select * from survey_question where survey_id in (:ids) order by survey_id, position")
                .param("ids", surveyIds)
                .query(rs -> {
                    bySurvey.computeIfAbsent(rs.getLong("survey_id"), k -> new ArrayList<>())
                            .add(new Question(
                                    rs.getLong("id"),
                                    rs.getInt("position"),
                                    rs.getString("key"),
                                    QuestionKind.valueOf(rs.getString("kind")),
                                    rs.getBoolean("required"),
                                    new LocalText(rs.getString("text_en"), rs.getString("text_zh")),
                                    json.readValue(rs.getString("options"), OPTIONS).stream()
                                            .map(o -> new Option(o.get("key"), new LocalText(o.get("en"), o.get("zh"))))
                                            .toList()));
                });
        return bySurvey;
    }

    /** A survey row, its questions not read yet. */
    private static Survey survey(ResultSet rs) throws SQLException {
        return new Survey(
                rs.getLong("id"),
                rs.getString("key"),
                rs.getString("name"),
                SurveyStatus.valueOf(rs.getString("status")),
                new LocalText(rs.getString("title_en"), rs.getString("title_zh")),
                new LocalText(rs.getString("intro_en"), rs.getString("intro_zh")),
                new LocalText(rs.getString("thanks_en"), rs.getString("thanks_zh")),
                List.of(),
                rs.getString("updated_by"),
                instant(rs, "updated_at"));
    }

    private void insertQuestions(long surveyId, List<Question> questions) {
        for (Question q : questions) {
            List<Map<String, String>> options = new ArrayList<>();
            for (Option o : q.options()) {
                options.add(Map.of(
                        "key", o.key(), "en", o.text().en(), "zh", o.text().zh()));
            }
            jdbc.sql("""
                            insert into survey_question (survey_id, position, key, kind, required, text_en, text_zh,
                                                         options)
                            values (:survey, :position, :key, :kind, :required, :en, :zh, cast(:options as jsonb))""")
                    .param("survey", surveyId)
                    .param("position", q.position())
                    .param("key", q.key())
                    .param("kind", q.kind().name())
                    .param("required", q.required())
                    .param("en", q.text().en())
                    .param("zh", q.text().zh())
                    .param("options", json.writeValueAsString(options))
                    .update();
        }
    }

    private Map<String, Object> texts(SurveyInput.Valid valid, String actor) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("key", valid.key());
        params.put("name", valid.name());
        params.put("titleEn", valid.title().en());
        params.put("titleZh", valid.title().zh());
        params.put("introEn", valid.intro().en());
        params.put("introZh", valid.intro().zh());
        params.put("thanksEn", valid.thanks().en());
        params.put("thanksZh", valid.thanks().zh());
        params.put("actor", actor);
        params.put("now", timestamptz(clock.instant()));
        return params;
    }
}
