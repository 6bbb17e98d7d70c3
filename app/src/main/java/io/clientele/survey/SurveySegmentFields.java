package io.clientele.survey;

import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SegmentField;
import io.clientele.segment.SegmentValues;
import io.clientele.segment.StandardFields;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The segment conditions on survey answers, registered with the segment feature at start-up as term columns (values a
 * customer holds from a day on), so the plain SQL, the summary and the audience index all answer them:
 *
 * <ul>
 *   <li>{@code survey_answered}: the surveys answered (values: survey ids), within an optional window;
 *   <li>{@code survey_rating}: a rated question's answer against a threshold, as values {@code <question id>>=<n>}
 *       and {@code <question id><=<n>} — a rating of 4 on a 1–5 question holds {@code >=1 … >=4} and {@code <=4},
 *       {@code <=5} — so "question Q rated ≥ 4 in the last 30 days" is one value with a window.
 * </ul>
 */
@Component
class SurveySegmentFields {
    static final String SURVEYS = "surveys";
    static final String RATINGS = "survey-ratings";

    // every threshold of every rated question: its id, the comparison and the threshold
    private static final String THRESHOLDS = """
            select q.id as question_id, q.survey_id, q.position, o.op, t.v
            from survey_question q
            cross join (values ('>='), ('<=')) o(op)
            cross join lateral generate_series(case q.kind when 'NPS' then 0 else 1 end,
                                               case q.kind when 'NPS' then 10 else 5 end) t(v)
            where q.kind in ('RATING', 'NPS')""";

    SurveySegmentFields(FieldRegistry fields, SegmentValues values) {
        values.add(
                SURVEYS,
                "select id::text as value, name || ' (' || key || ')' as label from survey"
                        + " where lower(name) like :q or key like :q order by id desc limit :limit");
        values.add(RATINGS, """
                select value, label from (
                    select t.question_id::text || t.op || t.v as value,
                           s.name || ' · ' || q.key || ' ' || case t.op when '>=' then '≥' else '≤' end || ' ' || t.v
                               as label,
                           s.id as survey_id, t.position, t.op, t.v
                    from (""" + THRESHOLDS + """
                    ) t join survey s on s.id = t.survey_id join survey_question q on q.id = t.question_id) x
                where lower(label) like :q or lower(value) like :q
                order by survey_id desc, position, op desc, v limit :limit""");
        fields.add(field(
                "survey_answered",
                SURVEYS,
                new SegmentField.TermColumn(
                        "survey_answered",
                        "select id::text from survey",
                        "select r.customer_id, r.survey_id::text, r.answered_at from survey_response r")));
        fields.add(field(
                "survey_rating",
                RATINGS,
                new SegmentField.TermColumn(
                        "survey_rating", "select question_id::text || op || v from (" + THRESHOLDS + ") t", """
                        select r.customer_id, a.question_id::text || o.op || t.v, r.answered_at
                        from survey_response r
                        join survey_response_answer a on a.response_id = r.id
                        join survey_question q on q.id = a.question_id and q.kind in ('RATING', 'NPS')
                        cross join (values ('>='), ('<=')) o(op)
                        cross join lateral generate_series(case q.kind when 'NPS' then 0 else 1 end,
                                                           case q.kind when 'NPS' then 10 else 5 end) t(v)
                        where (o.op = '>=' and a.value >= t.v) or (o.op = '<=' and a.value <= t.v)""")));
    }

    private static SegmentField field(String key, String picker, SegmentField.TermColumn column) {
        return new SegmentField(
                key,
                SegmentField.Category.SURVEY,
                SegmentField.ValueType.TEXT,
                StandardFields.SET,
                true,
                picker,
                List.of(),
                null,
                new SegmentField.Source.Terms(column));
    }
}
