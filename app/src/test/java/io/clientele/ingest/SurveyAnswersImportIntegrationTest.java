package io.clientele.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.customer.CustomerMerge;
import io.clientele.demo.generator.DemoDataGenerator;
import io.clientele.demo.generator.DemoSpec;
import io.clientele.demo.generator.GenerationSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Survey answers through the import: what lands, the rejects with line, field and reason, what a re-import changes,
 * the timeline entry per customer and survey, and answers following a merged customer. Each test uses customers of
 * its own (external ids SV-…), so counts never depend on other tests.
 */
// early: one test compares a re-import with the demo as loaded, before other classes merge demo customers
@org.junit.jupiter.api.Order(2)
class SurveyAnswersImportIntegrationTest extends ApplicationTestSupport {
    @Autowired
    ImportJobs jobs;

    @Autowired
    ImportRunner runner;

    @Autowired
    CustomerMerge merge;

    @TempDir
    Path temp;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(temp.resolve(name), content, StandardCharsets.UTF_8);
    }

    private ImportJob importFile(ImportKind kind, Path file) throws IOException {
        ImportJob job = jobs.create(kind, "POS", file, file.getFileName().toString(), null, "test");
        return runner.run(jobs.mapForForeground(job.id(), job.mapping()), progress -> {});
    }

    private void customers(String csv) throws IOException {
        ImportJob job = importFile(ImportKind.CUSTOMERS, file("customers-" + csv.hashCode() + ".csv", csv));
        assertThat(job.rejected()).isZero();
    }

    private long id(String externalId) {
        return jdbc.sql("select id from customer where external_id = ?")
                .param(externalId)
                .query(Long.class)
                .single();
    }

    private List<String> answers(long customerId) {
        return jdbc.sql("""
                        select survey || '/' || aspect || ' ' || perceived || '/' || expected || ' ' || source
                        from survey_answer where customer_id = ? order by survey, aspect""").param(customerId).query(String.class).list();
    }

    private long count(String sql, Object... params) {
        var statement = jdbc.sql(sql);
        for (Object param : params) {
            statement = statement.param(param);
        }
        return statement.query(Long.class).single();
    }

    private static List<Long> counts(ImportJob job) {
        return List.of(job.read(), job.imported(), job.unchanged(), job.rejected());
    }

    @Test
    void answersLandOnceWithOneTimelineEntryPerCustomerAndSurvey() throws IOException {
        customers("external_id,card_number,last_name\nSV-A1,660000000001,Ash\nSV-A2,660000000002,Birch\n");
        String csv = "external_id,card_number,survey,aspect,perceived,expected,answered_at\n"
                + "SV-A1,,post-purchase,PRICE,4,3,2025-05-02T10:00:00Z\n"
                + "SV-A1,,post-purchase, SERVICE ,2,4,2025-05-02T10:00:00Z\n"
                + ",660000000002,post-purchase,PRICE,5,5,2025-05-03\n"
                + "SV-A2,660000000002,post-purchase,DELIVERY,3,4,2025-05-03 09:30:00\n"
                + "SV-A2,,in-store,STAFF,4,4,2025-06-01\n";
        ImportJob first = importFile(ImportKind.SURVEY_ANSWERS, file("answers.csv", csv));
        assertThat(first.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(counts(first)).containsExactly(5L, 5L, 0L, 0L);
        assertThat(answers(id("SV-A1")))
                .as("the aspect is trimmed")
                .containsExactly("post-purchase/PRICE 4/3 import", "post-purchase/SERVICE 2/4 import");
        assertThat(answers(id("SV-A2")))
                .containsExactly(
                        "in-store/STAFF 4/4 import",
                        "post-purchase/DELIVERY 3/4 import",
                        "post-purchase/PRICE 5/5 import");
        assertThat(jdbc.sql("""
                        select summary from interaction where customer_id = ? and kind = 'SURVEY_ANSWERED'
                        order by occurred_at""").param(id("SV-A2")).query(String.class).list())
                .as("one entry per customer and survey, not per aspect")
                .containsExactly("post-purchase: 2 aspects", "in-store: 1 aspect");

        ImportJob again = importFile(ImportKind.SURVEY_ANSWERS, file("again.csv", csv));
        assertThat(counts(again)).containsExactly(5L, 0L, 5L, 0L);

        String changed = "external_id,survey,aspect,perceived,expected,answered_at\n"
                // a correction of the same answer replaces it
                + "SV-A1,post-purchase,PRICE,5,3,2025-05-02T10:00:00Z\n"
                // an older answer does not replace a later one
                + "SV-A1,post-purchase,SERVICE,5,5,2025-04-01\n"
                // a new aspect of a survey already answered adds no timeline entry
                + "SV-A1,post-purchase,DELIVERY,3,3,2025-05-02\n";
        ImportJob third = importFile(ImportKind.SURVEY_ANSWERS, file("changed.csv", changed));
        assertThat(counts(third)).containsExactly(3L, 2L, 1L, 0L);
        assertThat(answers(id("SV-A1")))
                .containsExactly(
                        "post-purchase/DELIVERY 3/3 import",
                        "post-purchase/PRICE 5/3 import",
                        "post-purchase/SERVICE 2/4 import");
        assertThat(count(
                        "select count(*) from interaction where kind = 'SURVEY_ANSWERED' and customer_id in (?, ?)",
                        id("SV-A1"),
                        id("SV-A2")))
                .isEqualTo(3);
    }

    @Test
    void badRowsAreRejectedWithLineFieldAndReasonWhileTheOthersLand() throws IOException {
        customers("external_id,card_number,last_name\nSV-B1,660000000011,Cedar\nSV-B2,660000000012,Dogwood\n");
        String csv = "customer_no;card;survey;aspect;rating;expectation;date\n"
                + "SV-B1;;post-purchase;PRICE;4;4;2025-05-02\n"
                + "SV-NOPE;;post-purchase;PRICE;4;4;2025-05-02\n"
                + ";999999999999;post-purchase;PRICE;4;4;2025-05-02\n"
                + "SV-B1;;post-purchase;SERVICE;6;4;2025-05-02\n"
                + "SV-B1;;post-purchase;DELIVERY;4;four;2025-05-02\n"
                + "SV-B1;;post-purchase;QUALITY;4.5;4;2025-05-02\n"
                + "SV-B1;;;PRICE;4;4;2025-05-02\n"
                + "SV-B1;;post-purchase;;4;4;2025-05-02\n"
                + ";;post-purchase;PRICE;4;4;2025-05-02\n"
                + "SV-B1;;post-purchase;STAFF;4;4;02.05.2025\n"
                + "SV-B1;;post-purchase;PRICE;3;3;2025-05-02\n"
                + "SV-B1;660000000012;post-purchase;STORE;4;4;2025-05-02\n"
                + "SV-B2;;post-purchase;PRICE;0;;2025-05-02\n"
                + "SV-B2;;post-purchase;PRICE;2;3;2025-05-02\n";
        ImportJob job = importFile(ImportKind.SURVEY_ANSWERS, file("bad.csv", csv));
        assertThat(counts(job)).containsExactly(14L, 2L, 0L, 12L);
        assertThat(jobs.rejects(job.id(), 0, 50).items())
                .extracting(r -> r.line() + " " + r.field() + ": " + r.reason())
                .containsExactly(
                        "3 external_id: unknown customer 'SV-NOPE'",
                        "4 card_number: unknown card '999999999999'",
                        "5 perceived: out of range: 6 (a rating is 1 to 5)",
                        "6 expected: not a whole number: 'four'",
                        "7 perceived: not a whole number: '4.5'",
                        "8 survey: required",
                        "9 aspect: required",
                        "10 external_id: required: the customer's external_id or card_number",
                        "11 answered_at: not a date or date and time: '02.05.2025' "
                                + "(use e.g. 2026-03-14 or 2026-03-14T15:42:10+08:00)",
                        "12 aspect: the answer of this customer to post-purchase / PRICE already appeared at line 2",
                        "13 card_number: card 660000000012 belongs to another customer than SV-B1",
                        "14 perceived: out of range: 0 (a rating is 1 to 5)",
                        "14 expected: required");
        assertThat(answers(id("SV-B1"))).containsExactly("post-purchase/PRICE 4/4 import");
        assertThat(answers(id("SV-B2")))
                .as("a bad row does not make a good repeat of its key a duplicate")
                .containsExactly("post-purchase/PRICE 2/3 import");
    }

    @Test
    void aKeyRepeatedInALaterChunkOfTheSameFileIsRejected() throws IOException {
        customers("external_id,last_name\nSV-C1,Elm\n");
        StringBuilder csv = new StringBuilder("external_id,survey,aspect,perceived,expected,answered_at\n");
        // the tests import in chunks of 100 rows: the repeat comes in the second chunk
        for (int i = 0; i < 120; i++) {
            csv.append("SV-C1,chunked,A").append(i).append(",3,3,2025-05-02\n");
        }
        csv.append("SV-C1,chunked,A7,4,4,2025-05-03\n");
        ImportJob job = importFile(ImportKind.SURVEY_ANSWERS, file("chunks.csv", csv.toString()));
        assertThat(counts(job)).containsExactly(121L, 120L, 0L, 1L);
        assertThat(jobs.rejects(job.id(), 0, 10).items())
                .extracting(r -> r.line() + " " + r.reason())
                .containsExactly("122 the answer of this customer to chunked / A7 appeared earlier in this file");
        assertThat(count(
                        "select count(*) from interaction where kind = 'SURVEY_ANSWERED' and customer_id = ?",
                        id("SV-C1")))
                .as("one entry although the answers came in two chunks")
                .isOne();
    }

    @Test
    void answersFollowAMergedCustomerAndTheLaterAnswerWinsAConflict() throws IOException {
        customers("external_id,card_number,last_name\nSV-M1,660000000021,Fir\nSV-M2,660000000022,Fir\n");
        long survivor = id("SV-M1");
        long merged = id("SV-M2");
        String csv = "external_id,survey,aspect,perceived,expected,answered_at\n"
                + "SV-M1,post-purchase,PRICE,2,4,2025-03-01\n"
                + "SV-M1,post-purchase,SERVICE,4,4,2025-09-01\n"
                + "SV-M2,post-purchase,PRICE,5,4,2025-08-01\n"
                + "SV-M2,post-purchase,SERVICE,1,4,2025-02-01\n"
                + "SV-M2,post-purchase,DELIVERY,3,3,2025-08-01\n";
        assertThat(importFile(ImportKind.SURVEY_ANSWERS, file("m.csv", csv)).imported())
                .isEqualTo(5);

        assertThat(merge.merge(survivor, merged, true).moved()).containsEntry("surveyAnswers", 3);
        merge.merge(survivor, merged, false);

        assertThat(answers(survivor))
                .as("the later answer of each aspect stays")
                .containsExactly(
                        "post-purchase/DELIVERY 3/3 import",
                        "post-purchase/PRICE 5/4 import",
                        "post-purchase/SERVICE 4/4 import");
        assertThat(count("select count(*) from survey_answer where customer_id = ?", merged))
                .isZero();

        // the merged customer's number and card now reach the survivor
        String later = "external_id,card_number,survey,aspect,perceived,expected,answered_at\n"
                + "SV-M2,,in-store,STAFF,4,4,2025-10-01\n"
                + ",660000000022,in-store,CHECKOUT,4,4,2025-10-01\n";
        assertThat(counts(importFile(ImportKind.SURVEY_ANSWERS, file("later.csv", later))))
                .containsExactly(2L, 2L, 0L, 0L);
        assertThat(answers(survivor)).hasSize(5);
    }

    @Test
    void theGeneratedFileImportsWithoutAMappingAndAgreesWithTheDemoLoad() throws IOException {
        DemoSpec spec = new DemoSpec(
                DEMO_CUSTOMERS,
                20261123L,
                LocalDate.ofInstant(TEST_NOW, ZoneOffset.UTC).minusDays(1));
        GenerationSummary generated = new DemoDataGenerator().writeCsv(temp, spec, (done, total) -> {});
        ImportJob job = importFile(ImportKind.SURVEY_ANSWERS, temp.resolve("survey_answers.csv"));
        assertThat(counts(job)).containsExactly(generated.surveyAnswers(), 0L, generated.surveyAnswers(), 0L);
    }

    @Test
    void theTimelineShowsSurveysAnsweredAndComplaints() throws Exception {
        customers("external_id,last_name\nSV-T1,Gum\n");
        importFile(
                ImportKind.SURVEY_ANSWERS,
                file(
                        "t.csv",
                        "external_id,survey,aspect,perceived,expected,answered_at\n"
                                + "SV-T1,post-purchase,PRICE,4,3,2025-05-02\nSV-T1,post-purchase,SERVICE,4,3,2025-05-02\n"));
        long complainer = jdbc.sql("select customer_id from interaction where kind = 'COMPLAINT' order by id limit 1")
                .query(Long.class)
                .single();
        var analyst = session();
        analyst.signIn("analyst", "demo");
        assertThat(analyst.get("/customers/" + id("SV-T1") + "/timeline").body())
                .contains("data-kind=\"SURVEY_ANSWERED\"", "Survey answered", "post-purchase: 2 aspects");
        assertThat(analyst.get("/customers/" + complainer + "/timeline?lang=zh_CN")
                        .body())
                .contains("data-kind=\"COMPLAINT\"", "投诉");
    }

    @Test
    void theKindIsTypedWithADashOrAnUnderscore() {
        assertThat(ImportKind.parse("survey-answers")).isEqualTo(ImportKind.SURVEY_ANSWERS);
        assertThat(ImportKind.parse(" Survey_Answers ")).isEqualTo(ImportKind.SURVEY_ANSWERS);
        assertThat(ImportKind.SURVEY_ANSWERS.commandName()).isEqualTo("survey-answers");
    }
}
