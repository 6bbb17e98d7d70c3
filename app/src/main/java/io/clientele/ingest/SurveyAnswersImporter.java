package io.clientele.ingest;

import io.clientele.customer.InteractionKind;
import io.clientele.customer.Timeline;
import io.clientele.platform.db.CopyRows;
import io.clientele.platform.db.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Survey answers, one row per (customer, survey, aspect), the key of {@code survey_answer}. The customer is named by
 * customer number or card (a merged customer's number or card reaches the survivor); when both are given they must
 * name the same customer. A row for a key already stored replaces the stored answer unless the stored one was
 * answered later (counted imported when it changes something, otherwise unchanged); a key that appears again in the
 * same file is rejected. The first answers of a customer to a survey put one entry on the customer's timeline
 * ({@link Timeline}, in the chunk's transaction).
 */
record SurveyAnswersImporter(
        Connection connection, int[] columns, ZoneId zone, long jobId, String user, Timeline timeline)
        implements Importer {
    private static final ImportKind KIND = ImportKind.SURVEY_ANSWERS;
    private static final int EXTERNAL_ID = KIND.index("external_id");
    private static final int CARD = KIND.index("card_number");
    private static final int SURVEY = KIND.index("survey");
    private static final int ASPECT = KIND.index("aspect");
    private static final int PERCEIVED = KIND.index("perceived");
    private static final int EXPECTED = KIND.index("expected");
    private static final int ANSWERED_AT = KIND.index("answered_at");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    @Override
    public Counts importChunk(List<SourceLine> lines, List<Reject> rejects) throws SQLException {
        Staging.create(connection, """
                create temp table if not exists stg_survey_answer (line_no bigint, customer_id bigint, survey text,
                    aspect text, perceived smallint, expected smallint, answered_at timestamptz)
                on commit delete rows""");
        List<Row> rows = Row.readable(KIND, columns, lines, rejects, zone);
        Map<String, Long> byNumber = customers("external_id", "merged_external_id", rows, EXTERNAL_ID);
        Map<String, Long> byCard = customers("card_number", "merged_card_number", rows, CARD);
        CopyRows staged = new CopyRows();
        Map<String, Long> seen = new HashMap<>();
        for (Row row : rows) {
            Long customerId = customer(row, byNumber, byCard);
            String survey = label(row, SURVEY);
            String aspect = label(row, ASPECT);
            Integer perceived = rating(row, PERCEIVED);
            Integer expected = rating(row, EXPECTED);
            Instant answeredAt = answeredAt(row);
            // only a valid row claims its key: a bad first row does not make a good repeat of it a duplicate
            Long earlier =
                    row.valid() ? seen.putIfAbsent(customerId + "\t" + survey + "\t" + aspect, row.line()) : null;
            if (earlier != null) {
                row.reject(
                        "aspect",
                        "the answer of this customer to " + survey + " / " + aspect + " already appeared at line "
                                + earlier);
            }
            if (row.valid()) {
                staged.add(row.line()).add(customerId).add(survey).add(aspect);
                staged.add(perceived)
                        .add(expected)
                        .add(Objects.requireNonNull(answeredAt).toString());
                staged.endRow();
            }
        }
        staged.copyInto(connection, "copy stg_survey_answer from stdin");
        rejectKeysSeenEarlierInThisFile(rejects);
        return upsert();
    }

    /** The customer ids of the chunk's customer numbers or cards, a merged customer's resolved to its survivor. */
    private Map<String, Long> customers(String column, String mergedColumn, List<Row> rows, int field)
            throws SQLException {
        String[] keys = rows.stream()
                .map(row -> row.text(field))
                .filter(Objects::nonNull)
                .distinct()
                .toArray(String[]::new);
        Map<String, Long> ids = new HashMap<>();
        if (keys.length == 0) {
            return ids;
        }
        // column names are constants of this class, never input
        try (var query = connection.prepareStatement("""
                select %1$s, id from customer where %1$s = any(?)
                union all
                select m.%2$s, m.survivor_id from customer_merge m
                where m.%2$s = any(?) and not exists (select 1 from customer c where c.%1$s = m.%2$s)""".formatted(column, mergedColumn))) {
            var array = connection.createArrayOf("text", keys);
            query.setArray(1, array);
            query.setArray(2, array);
            try (var result = query.executeQuery()) {
                while (result.next()) {
                    ids.putIfAbsent(result.getString(1), result.getLong(2));
                }
            }
        }
        return ids;
    }

    private static @Nullable Long customer(Row row, Map<String, Long> byNumber, Map<String, Long> byCard) {
        String number = row.text(EXTERNAL_ID);
        String card = row.text(CARD);
        if (number == null && card == null) {
            row.reject("external_id", "required: the customer's external_id or card_number");
            return null;
        }
        Long byItsNumber = number == null ? null : byNumber.get(number);
        Long byItsCard = card == null ? null : byCard.get(card);
        if (number != null && byItsNumber == null) {
            row.reject("external_id", "unknown customer '" + number + "'");
        }
        if (card != null && byItsCard == null) {
            row.reject("card_number", "unknown card '" + card + "'");
        }
        if (byItsNumber != null && byItsCard != null && !byItsNumber.equals(byItsCard)) {
            row.reject("card_number", "card " + card + " belongs to another customer than " + number);
        }
        return byItsNumber != null ? byItsNumber : byItsCard;
    }

    /** A survey or aspect name: trimmed, inner runs of white space made one space. */
    private static @Nullable String label(Row row, int field) {
        String value = row.required(field);
        if (value == null) {
            return null;
        }
        String normalised = SPACES.matcher(value).replaceAll(" ");
        if (normalised.length() > 100) {
            row.reject(row.fieldName(field), "longer than 100 characters");
            return null;
        }
        return normalised;
    }

    private static @Nullable Integer rating(Row row, int field) {
        Integer value = row.integer(field, true);
        if (value != null && (value < 1 || value > 5)) {
            row.reject(row.fieldName(field), "out of range: " + value + " (a rating is 1 to 5)");
            return null;
        }
        return value;
    }

    /** A date and time, or a date alone (the start of that day in the server's zone); not in the future. */
    private @Nullable Instant answeredAt(Row row) {
        String value = row.required(ANSWERED_AT);
        if (value == null) {
            return null;
        }
        Instant instant = Values.instant(value, zone);
        if (instant == null) {
            LocalDate date = Values.date(value);
            instant = date == null ? null : date.atStartOfDay(zone).toInstant();
        }
        if (instant == null) {
            row.reject(
                    "answered_at",
                    "not a date or date and time: '" + value + "' (use e.g. 2026-03-14 or 2026-03-14T15:42:10+08:00)");
        } else if (instant.isAfter(Instant.now().plusSeconds(86_400))) {
            row.reject("answered_at", "in the future: " + value);
            return null;
        }
        return instant;
    }

    /** An answer this job stored from an earlier chunk is the same key twice in one file: the later row is rejected. */
    private void rejectKeysSeenEarlierInThisFile(List<Reject> rejects) throws SQLException {
        try (var delete = connection.prepareStatement("""
                delete from stg_survey_answer s using survey_answer a
                where a.customer_id = s.customer_id and a.survey = s.survey and a.aspect = s.aspect
                  and a.import_job_id = ?
                returning s.line_no, s.survey, s.aspect""")) {
            delete.setLong(1, jobId);
            try (var rows = delete.executeQuery()) {
                while (rows.next()) {
                    rejects.add(new Reject(
                            rows.getLong(1),
                            "aspect",
                            "the answer of this customer to " + rows.getString(2) + " / " + rows.getString(3)
                                    + " appeared earlier in this file",
                            null));
                }
            }
        }
    }

    /**
     * Inserts new answers and replaces stored ones that differ, unless the stored answer is the later one. The
     * customers who had no answer to a survey before get one timeline entry for it, dated by their latest answer.
     */
    private Counts upsert() throws SQLException {
        long staged = Staging.count(connection, "stg_survey_answer");
        try (var upsert = connection.prepareStatement("""
                with written as (
                    insert into survey_answer (customer_id, survey, aspect, perceived, expected, answered_at, source,
                                               import_job_id)
                    select customer_id, survey, aspect, perceived, expected, answered_at, 'import', ?
                    from stg_survey_answer
                    on conflict (customer_id, survey, aspect) do update
                    set perceived = excluded.perceived, expected = excluded.expected,
                        answered_at = excluded.answered_at, source = excluded.source,
                        import_job_id = excluded.import_job_id
                    where survey_answer.answered_at <= excluded.answered_at
                      and (survey_answer.perceived, survey_answer.expected, survey_answer.answered_at)
                          is distinct from (excluded.perceived, excluded.expected, excluded.answered_at)
                    returning customer_id, survey, answered_at)
                """ + WRITTEN_BY_CUSTOMER_AND_SURVEY)) {
            upsert.setLong(1, jobId);
            long written = writeAndPutFirstAnswersOnTimeline(
                    connection, upsert, timeline, Map.of("import", jobId), "import", user);
            return new Counts(written, staged - written);
        }
    }

    /**
     * Ends a statement whose {@code written} returns {@code (customer_id, survey, answered_at)} of the answers it
     * stored: per customer and survey, the latest answer, how many, and whether they are the customer's first answers
     * to the survey (the statement's snapshot does not see the answers it writes).
     */
    static final String WRITTEN_BY_CUSTOMER_AND_SURVEY = """
            select w.customer_id, w.survey, max(w.answered_at) as answered_at, count(*) as aspects,
                   not exists (select 1 from survey_answer a
                               where a.customer_id = w.customer_id and a.survey = w.survey) as first
            from written w
            group by w.customer_id, w.survey""";

    /**
     * Runs {@code write} (ending in {@link #WRITTEN_BY_CUSTOMER_AND_SURVEY}) and puts each customer's first answers to
     * a survey on their timeline, one entry per survey dated by the latest answer; answers how many answers it wrote.
     */
    static long writeAndPutFirstAnswersOnTimeline(
            Connection connection,
            PreparedStatement write,
            Timeline timeline,
            Map<String, Object> details,
            String source,
            @Nullable String user)
            throws SQLException {
        long written = 0;
        List<Timeline.Entry> firsts = new ArrayList<>();
        write.setFetchSize(10_000);
        try (var rows = write.executeQuery()) {
            while (rows.next()) {
                long aspects = rows.getLong("aspects");
                written += aspects;
                if (rows.getBoolean("first")) {
                    String survey = rows.getString("survey");
                    Map<String, Object> entryDetails = new HashMap<>(details);
                    entryDetails.put("survey", survey);
                    entryDetails.put("aspects", aspects);
                    firsts.add(new Timeline.Entry(
                            rows.getLong("customer_id"),
                            Rows.instant(rows, "answered_at"),
                            InteractionKind.SURVEY_ANSWERED,
                            null,
                            survey + ": " + aspects + (aspects == 1 ? " aspect" : " aspects"),
                            entryDetails,
                            source,
                            user));
                    if (firsts.size() == 10_000) {
                        timeline.recordAll(connection, firsts);
                        firsts.clear();
                    }
                }
            }
        }
        timeline.recordAll(connection, firsts);
        return written;
    }
}
