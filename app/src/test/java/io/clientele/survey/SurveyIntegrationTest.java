package io.clientele.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import io.clientele.insight.ScoreRun;
import io.clientele.insight.Scoring;
import io.clientele.insight.ScoringRunner;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Surveys through their real doors: a definition made over the API, personal links answered on the public page with
 * a real HTTP client (CSRF token and all), forged, foreign and reused links and wrong answers refused with nothing
 * stored, and each answer then on the timeline, published as {@link SurveyAnswered}, in the results (planted answers
 * give a known NPS), in segment counts and, after a scoring run, in satisfaction.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SurveyIntegrationTest extends ApplicationTestSupport {
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<SurveyAnswered> published = new CopyOnWriteArrayList<>();

    @Autowired
    ApiTokens tokens;

    @Autowired
    SurveyLinks links;

    @Autowired
    Surveys surveys;

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    Scoring scoring;

    @Autowired
    io.clientele.customer.CustomerMerge merge;

    @Autowired
    ScoringRunner runner;

    private String marketer;
    private String agent;
    private Survey survey;

    @BeforeAll
    void setUp() throws Exception {
        marketer =
                tokens.issue("survey-marketer", Role.MARKETER.scopes(), "test").secret();
        agent = tokens.issue("survey-agent", Role.SERVICE_AGENT.scopes(), "test")
                .secret();
        context.addApplicationListener((ApplicationListener<PayloadApplicationEvent<?>>) event -> {
            if (event.getPayload() instanceof SurveyAnswered answered) {
                published.add(answered);
            }
        });
        survey = activeSurvey("""
                [{"key": "rate", "kind": "RATING", "required": true, "textEn": "How do you rate the beans?",
                  "textZh": "您如何评价咖啡豆？"},
                 {"key": "nps", "kind": "NPS", "required": false, "textEn": "Recommend us?", "textZh": "推荐我们吗？"},
                 {"key": "beans", "kind": "ASPECTS", "required": false, "textEn": "Against expectations",
                  "textZh": "与期望相比", "options": [{"key": "taste", "en": "Taste", "zh": "口味"},
                                                   {"key": "price", "en": "Price", "zh": "价格"}]},
                 {"key": "comment", "kind": "FREE_TEXT", "required": false, "textEn": "Anything else?",
                  "textZh": "还有什么？"}]""");
    }

    /** A survey created and activated over the API with these questions (JSON). */
    private Survey activeSurvey(String questions) throws Exception {
        String key = "it_" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = api(marketer, "POST", "/api/v1/surveys", """
                {"key": "%s", "name": "Test %s", "titleEn": "Trial", "titleZh": "试用",
                 "thanksEn": "Thanks a lot", "thanksZh": "非常感谢", "questions": %s}""".formatted(key, key, questions));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json.readTree(created.body()).get("id").asLong();
        assertThat(api(marketer, "POST", "/api/v1/surveys/" + id + "/activate", null)
                        .statusCode())
                .isEqualTo(200);
        return surveys.find(id);
    }

    /** A fresh customer (no answers, no receipts) of the demo's shape. */
    private long newCustomer() {
        return jdbc.sql("insert into customer (first_name, last_name, email) values ('Test', :n, :e) returning id")
                .param("n", UUID.randomUUID().toString())
                .param("e", UUID.randomUUID() + "@example.com")
                .query(Long.class)
                .single();
    }

    private String link(long customer, long campaign, long step) {
        return links.issue(survey.key(), campaign, step, List.of(customer)).get(customer);
    }

    private long responses(long surveyId) {
        return jdbc.sql("select count(*) from survey_response where survey_id = :s")
                .param("s", surveyId)
                .query(Long.class)
                .single();
    }

    private static String state(HttpResponse<String> page) {
        var m = java.util.regex.Pattern.compile("data-state=\"([A-Z_]+)\"").matcher(page.body());
        return m.find() ? m.group(1) : "none";
    }

    @Test
    void aLinkIsAnsweredOnceOnThePublicPageAndLandsOnTheTimelineInTheEventAndTheResults() throws Exception {
        long customer = newCustomer();
        String path = link(customer, 9_001, 9_002);
        assertThat(path).startsWith("/s/" + survey.key() + "/").doesNotContain(String.valueOf(customer));
        Session browser = session();

        HttpResponse<String> page = browser.get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(state(page)).isEqualTo("ASK");
        assertThat(page.body()).contains("How do you rate the beans?");

        String answers = "q.rate=4&q.nps=9&q.beans.taste.perceived=4&q.beans.taste.expected=5"
                + "&q.beans.price.perceived=3&q.beans.price.expected=3&q.comment="
                + URLEncoder.encode("<b>great</b> 好", StandardCharsets.UTF_8);
        HttpResponse<String> posted = browser.postForm(path, path, answers);
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(posted.headers().firstValue("Location").orElseThrow()).endsWith(path + "?done");
        HttpResponse<String> thanks = browser.get(path + "?done");
        assertThat(state(thanks)).isEqualTo("THANKS");
        assertThat(thanks.body()).contains("Thanks a lot");

        // a second POST of the same form (a double click, a retry) and a later visit store nothing more
        // (the session's CSRF token read from another customer's form, since this one's shows no form any more)
        String anotherForm = link(newCustomer(), 9_001, 9_002);
        HttpResponse<String> again = browser.postForm(anotherForm, path, answers);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(state(again)).isEqualTo("ANSWERED");
        assertThat(state(session().get(path))).isEqualTo("ANSWERED");
        assertThat(jdbc.sql("select count(*) from survey_response where customer_id = :c")
                        .param("c", customer)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        var stored = jdbc.sql("select campaign_id, step_id, channel from survey_response where customer_id = :c")
                .param("c", customer)
                .query()
                .singleRow();
        assertThat(stored)
                .containsEntry("campaign_id", 9_001L)
                .containsEntry("step_id", 9_002L)
                .containsEntry("channel", "LINK");
        assertThat(jdbc.sql("""
                        select count(*) from survey_response_answer a join survey_response r on r.id = a.response_id
                        where r.customer_id = :c""").param("c", customer).query(Long.class).single())
                .isEqualTo(5);
        // the aspects feed satisfaction: ingest's survey_answer, under the survey's key
        assertThat(jdbc.sql("""
                        select string_agg(aspect || perceived || '/' || expected, ',' order by aspect)
                        from survey_answer where customer_id = :c and survey = :s and source = 'survey'""")
                        .param("c", customer)
                        .param("s", survey.key())
                        .query(String.class)
                        .single())
                .isEqualTo("price3/3,taste4/5");
        assertThat(jdbc.sql("select summary from interaction where customer_id = :c and kind = 'SURVEY_ANSWERED'")
                        .param("c", customer)
                        .query(String.class)
                        .list())
                .containsExactly(survey.name());
        assertThat(published)
                .filteredOn(e -> e.customerId() == customer)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.surveyId()).isEqualTo(survey.id());
                    assertThat(e.campaignId()).isEqualTo(9_001L);
                    assertThat(e.stepId()).isEqualTo(9_002L);
                    assertThat(e.answers()).contains(new Answer("rate", "", 4, null, null));
                });
        assertThat(api(marketer, "GET", "/api/v1/surveys/" + survey.id() + "/results?campaign=9001", null)
                        .body())
                .contains("\"answered\":1");
        // the results page lists the free text, escaped
        Session staff = session();
        staff.signIn("marketer", "demo");
        String results = staff.get("/surveys/" + survey.id()).body();
        assertThat(results).contains("&lt;b&gt;great&lt;/b&gt; 好").doesNotContain("<b>great</b>");
    }

    @Test
    void forgedForeignAndReusedLinksAreRefusedWithNothingStored() throws Exception {
        long customer = newCustomer();
        String path = link(customer, 9_101, 9_102);
        String token = path.substring(path.lastIndexOf('/') + 1);
        char last = token.charAt(token.length() - 5);
        String forged = path.substring(0, path.lastIndexOf('/') + 1)
                + token.substring(0, token.length() - 5)
                + (last == 'A' ? 'B' : 'A')
                + token.substring(token.length() - 4);
        Session browser = session();
        HttpResponse<String> forgedPage = browser.get(forged);
        assertThat(forgedPage.statusCode()).isEqualTo(404);
        assertThat(state(forgedPage)).isEqualTo("BAD_LINK");
        assertThat(browser.postForm(path, forged, "q.rate=5").statusCode()).isEqualTo(404);
        // the customer's own token under another survey's address
        String foreign = "/s/coffee_trial/" + token;
        HttpResponse<String> foreignPage = browser.get(foreign);
        assertThat(foreignPage.statusCode()).isEqualTo(404);
        assertThat(state(foreignPage)).isEqualTo("OTHER_SURVEY");
        assertThat(browser.postForm(path, foreign, "q.trial_rating=5").statusCode())
                .isEqualTo(404);
        // made-up tokens, sequential ids included
        assertThat(browser.get("/s/" + survey.key() + "/" + customer).statusCode())
                .isEqualTo(404);
        assertThat(browser.get("/s/" + survey.key() + "/" + "A".repeat(60)).statusCode())
                .isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from survey_response where customer_id = :c")
                        .param("c", customer)
                        .query(Long.class)
                        .single())
                .isZero();

        // the real link works once; then the same link, and another send's link, are refused
        assertThat(browser.postForm(path, path, "q.rate=5").statusCode()).isEqualTo(302);
        HttpResponse<String> reused = session().get(path);
        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(reused.body()).contains("You have answered this survey already.");
        String secondSend = link(customer, 9_201, 9_202);
        assertThat(session().get(secondSend).statusCode()).isEqualTo(409);
        assertThat(jdbc.sql("select count(*) from survey_response where customer_id = :c")
                        .param("c", customer)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aClosedSurveysLinkSaysSoAndAnEmptySurveyHasNoFigures() throws Exception {
        Survey closing = activeSurvey("""
                [{"key": "rate", "kind": "RATING", "required": true, "textEn": "Rate", "textZh": "评分"}]""");
        long customer = newCustomer();
        String path =
                links.issue(closing.key(), 9_601, 9_602, List.of(customer)).get(customer);
        JsonNode empty = json.readTree(api(marketer, "GET", "/api/v1/surveys/" + closing.id() + "/results", null)
                .body());
        assertThat(empty.get("sent").asLong()).isEqualTo(1);
        assertThat(empty.get("answered").asLong()).isZero();
        assertThat(empty.get("responseRate").asDouble()).isZero();
        assertThat(empty.get("questions").get(0).hasNonNull("mean")).isFalse();
        assertThat(api(marketer, "POST", "/api/v1/surveys/" + closing.id() + "/close", null)
                        .statusCode())
                .isEqualTo(200);
        Session browser = session();
        HttpResponse<String> page = browser.get(path);
        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(state(page)).isEqualTo("NOT_OPEN");
        assertThat(api(
                                agent,
                                "POST",
                                "/api/v1/surveys/" + closing.id() + "/responses",
                                "{\"customerId\": %d, \"answers\": {\"rate\": 3}}".formatted(customer))
                        .statusCode())
                .isEqualTo(409);
        assertThat(responses(closing.id())).isZero();
    }

    @Test
    void aMergeKeepsTheSurvivorsResponseAndMovesTheOthers() throws Exception {
        Survey other = activeSurvey("""
                [{"key": "rate", "kind": "RATING", "required": true, "textEn": "Rate", "textZh": "评分"}]""");
        long survivor = newCustomer();
        long merged = newCustomer();
        for (long[] answer :
                new long[][] {{survivor, survey.id(), 5}, {merged, survey.id(), 1}, {merged, other.id(), 2}}) {
            assertThat(api(
                                    agent,
                                    "POST",
                                    "/api/v1/surveys/" + answer[1] + "/responses",
                                    "{\"customerId\": %d, \"answers\": {\"rate\": %d}}".formatted(answer[0], answer[2]))
                            .statusCode())
                    .isEqualTo(201);
        }
        merge.merge(survivor, merged, false);
        assertThat(jdbc.sql("""
                        select string_agg(r.survey_id || ':' || a.value, ',' order by r.survey_id)
                        from survey_response r join survey_response_answer a on a.response_id = r.id
                        where r.customer_id = :c""").param("c", survivor).query(String.class).single())
                .isEqualTo(survey.id() + ":5," + other.id() + ":2");
    }

    @Test
    void wrongAnswersAreRefusedNamingTheQuestionWithNothingStored() throws Exception {
        long customer = newCustomer();
        String path = link(customer, 9_301, 9_302);
        Session browser = session();
        HttpResponse<String> outOfRange = browser.postForm(path, path, "q.rate=6&q.nps=4");
        assertThat(outOfRange.statusCode()).isEqualTo(400);
        assertThat(outOfRange.body())
                .contains("data-error=\"rate\"")
                .contains("An answer from 1 to 5.")
                .doesNotContain("data-error=\"nps\"");
        HttpResponse<String> nul = browser.postForm(path, path, "q.rate=3&q.comment=a%00b");
        // refused at the input boundary, before the survey sees it: the error page names the field
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(nul.body()).contains("q.comment");
        HttpResponse<String> halfAPair = browser.postForm(path, path, "q.rate=3&q.beans.taste.perceived=9");
        assertThat(halfAPair.statusCode()).isEqualTo(400);
        assertThat(halfAPair.body()).contains("beans.taste.perceived-error");
        assertThat(jdbc.sql("select count(*) from survey_response where customer_id = :c")
                        .param("c", customer)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from interaction where customer_id = :c and kind = 'SURVEY_ANSWERED'")
                        .param("c", customer)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void anAgentAsksTheSurveyOnACallAndTheAnswersKeepTheCallsCampaign() throws Exception {
        long customer = newCustomer();
        Session agentSession = session();
        agentSession.signIn("agent", "demo");
        String ask = "/surveys/" + survey.id() + "/ask/" + customer + "?campaign=9501&step=9502";
        HttpResponse<String> form = agentSession.get(ask);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("How do you rate the beans?");
        HttpResponse<String> wrong = agentSession.postForm(ask, ask, "q.rate=0");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("data-error=\"rate\"");
        HttpResponse<String> saved = agentSession.postForm(ask, ask, "q.rate=3&q.comment=asked+on+the+phone");
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith("/calls/9502/" + customer);
        assertThat(jdbc.sql("""
                        select channel || ' ' || campaign_id || ' ' || step_id || ' ' || answered_by
                        from survey_response where customer_id = :c""").param("c", customer).query(String.class).single())
                .isEqualTo("AGENT 9501 9502 agent");
        assertThat(agentSession.get(ask).statusCode()).isEqualTo(409);
        // a salesperson reads customers but does not write their answers
        Session sales = session();
        sales.signIn("sales", "demo");
        assertThat(sales.get(ask).statusCode()).isEqualTo(403);
    }

    @Test
    void plantedAgentAnswersGiveTheKnownNpsAndSegmentCounts() throws Exception {
        Survey nps = activeSurvey("""
                [{"key": "recommend", "kind": "NPS", "required": true, "textEn": "Recommend us?", "textZh": "推荐？"}]""");
        // detractors 2, 5, 6; passives 7, 8; promoters 9, 9, 10, 10, 10: NPS 20
        int[] scores = {2, 5, 6, 7, 8, 9, 9, 10, 10, 10};
        List<Long> customers = new ArrayList<>();
        for (int score : scores) {
            long customer = newCustomer();
            customers.add(customer);
            HttpResponse<String> answered = api(
                    agent,
                    "POST",
                    "/api/v1/surveys/" + nps.id() + "/responses",
                    "{\"customerId\": %d, \"answers\": {\"recommend\": %d}}".formatted(customer, score));
            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(201);
        }
        HttpResponse<String> twice = api(
                agent,
                "POST",
                "/api/v1/surveys/" + nps.id() + "/responses",
                "{\"customerId\": %d, \"answers\": {\"recommend\": 3}}".formatted(customers.getFirst()));
        assertThat(twice.statusCode()).isEqualTo(409);
        HttpResponse<String> outOfRange = api(
                agent,
                "POST",
                "/api/v1/surveys/" + nps.id() + "/responses",
                "{\"customerId\": %d, \"answers\": {\"recommend\": 11}}".formatted(newCustomer()));
        assertThat(outOfRange.statusCode()).isEqualTo(400);
        assertThat(outOfRange.body()).contains("\"field\":\"recommend\"");
        assertThat(responses(nps.id())).isEqualTo(scores.length);

        JsonNode results = json.readTree(api(marketer, "GET", "/api/v1/surveys/" + nps.id() + "/results", null)
                .body());
        JsonNode question = results.get("questions").get(0);
        assertThat(results.get("answered").asLong()).isEqualTo(10);
        assertThat(question.get("nps").get("value").asDouble()).isCloseTo(20.0, within(1e-9));
        assertThat(question.get("nps").get("low").asDouble()).isCloseTo(-34.0327, within(1e-3));
        assertThat(question.get("nps").get("high").asDouble()).isCloseTo(74.0327, within(1e-3));
        assertThat(question.get("counts").get("10").asLong()).isEqualTo(3);

        long questionId = nps.questions().getFirst().id();
        assertThat(count("{\"field\": \"survey_answered\", \"op\": \"has_any\", \"values\": [\"" + nps.id()
                        + "\"], \"window\": {\"lastDays\": 30}}"))
                .isEqualTo(10);
        assertThat(count(rating(questionId + ">=9"))).isEqualTo(5);
        assertThat(count(rating(questionId + "<=6"))).isEqualTo(3);
        assertThat(count(rating(questionId + ">=7"))).isEqualTo(7);
        // the picker offers the thresholds by survey name and question key
        HttpResponse<String> picker = api(
                agent,
                "GET",
                "/api/v1/segments/values/survey-ratings?q="
                        + URLEncoder.encode(nps.name() + " · recommend ≥ 9", StandardCharsets.UTF_8),
                null);
        assertThat(picker.body()).contains("\"value\":\"" + questionId + ">=9\"");
    }

    @Test
    void theDemoSurveysAreAliveInTheirResultsAndTheMaterialsLibrary() throws Exception {
        Survey trial = surveys.findByKey("coffee_trial").orElseThrow();
        JsonNode results = json.readTree(api(marketer, "GET", "/api/v1/surveys/" + trial.id() + "/results", null)
                .body());
        assertThat(results.get("answered").asLong()).isGreaterThanOrEqualTo(100);
        assertThat(results.get("questions").get(0).get("mean").get("value").asDouble())
                .isBetween(3.0, 5.0);
        assertThat(results.get("questions")
                        .get(1)
                        .get("aspects")
                        .get(0)
                        .get("n")
                        .asLong())
                .isPositive();
        Survey improvement = surveys.findByKey("product_improvement").orElseThrow();
        Session staff = session();
        staff.signIn("marketer", "demo");
        assertThat(staff.get("/surveys/" + improvement.id()).body()).contains("data-testid=\"nps\"");
        assertThat(staff.get("/surveys").body()).contains("Coffee beans trial").contains("Product improvement");
        String library = staff.get("/campaigns/materials?kind=SURVEY").body();
        assertThat(library).contains("data-testid=\"material-surveys\"").contains("{{survey_link.coffee_trial}}");
    }

    @Test
    void aDraftIsChangedAndDeletedButAnActiveSurveyIsNot() throws Exception {
        String key = "draft_" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"key": "%s", "name": "Draft", "titleEn": "T", "questions": [
                 {"key": "q", "kind": "FREE_TEXT", "textEn": "Say something"}]}""";
        HttpResponse<String> created = api(marketer, "POST", "/api/v1/surveys", body.formatted(key));
        long id = json.readTree(created.body()).get("id").asLong();
        HttpResponse<String> bad = api(marketer, "PUT", "/api/v1/surveys/" + id, """
                {"key": "%s", "name": "Draft", "titleEn": "T\\u0000", "questions": [
                 {"key": "q", "kind": "RATING", "textEn": "\\ud800"}]}""".formatted(key));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"titleEn\"").contains("\"field\":\"questions[0].textEn\"");
        assertThat(api(marketer, "DELETE", "/api/v1/surveys/" + id, null).statusCode())
                .isEqualTo(204);
        assertThat(surveys.findOptional(id)).isEmpty();
        assertThat(api(marketer, "DELETE", "/api/v1/surveys/" + survey.id(), null)
                        .statusCode())
                .isEqualTo(409);
        assertThat(api(agent, "POST", "/api/v1/surveys", body.formatted(key + "x"))
                        .statusCode())
                .isEqualTo(403);
        // a lone surrogate in an answer's text is refused naming the question
        HttpResponse<String> broken = api(
                agent,
                "POST",
                "/api/v1/surveys/" + survey.id() + "/responses",
                "{\"customerId\": %d, \"answers\": {\"rate\": 3, \"comment\": \"a\\ud800b\"}}"
                        .formatted(newCustomer()));
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("\"field\":\"answers.comment\"");
    }

    private static String rating(String value) {
        return "{\"field\": \"survey_rating\", \"op\": \"has_any\", \"values\": [\"" + value
                + "\"], \"window\": {\"lastDays\": 30}}";
    }

    private long count(String condition) throws Exception {
        HttpResponse<String> response =
                api(agent, "POST", "/api/v1/segments/count", "{\"condition\":" + condition + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("count").asLong();
    }

    @Test
    void aspectAnswersFeedSatisfactionAtTheNextScoringRun() throws Exception {
        // a buyer without earlier answers, complaints or returns: satisfaction is perceived over expected
        long customer = jdbc.sql("""
                        select c.id from customer c
                        where c.source = 'demo'
                          and exists (select 1 from sale s where s.customer_id = c.id and s.kind = 'SALE')
                          and not exists (select 1 from sale s where s.customer_id = c.id and s.kind = 'RETURN')
                          and not exists (select 1 from survey_answer a where a.customer_id = c.id)
                          and not exists (select 1 from interaction i where i.customer_id = c.id and i.kind = 'COMPLAINT')
                        order by c.id limit 1""").query(Long.class).single();
        String path = link(customer, 9_401, 9_402);
        HttpResponse<String> posted = session()
                .postForm(
                        path,
                        path,
                        "q.rate=2&q.beans.taste.perceived=3&q.beans.taste.expected=5"
                                + "&q.beans.price.perceived=4&q.beans.price.expected=4");
        assertThat(posted.statusCode()).isEqualTo(302);

        // answered today: a run as of today counts it
        ScoreRun queued = scoring.queue(
                ScoreRun.Trigger.API,
                new Scoring.Request(LocalDate.ofInstant(TEST_NOW, ZoneOffset.UTC), null, null, null, null),
                "test");
        ScoreRun run = runner.runOrAwait(queued, (phase, done, total) -> {});
        assertThat(run.status()).isEqualTo(ScoreRun.Status.COMPLETED);
        var score = jdbc.sql("select satisfaction, satisfaction_level from customer_score where run_id = :r and"
                        + " customer_id = :c")
                .param("r", run.id())
                .param("c", customer)
                .query()
                .singleRow();
        assertThat(((java.math.BigDecimal) score.get("satisfaction")).doubleValue())
                .isCloseTo(7.0 / 9.0, within(0.001));
        assertThat(score.get("satisfaction_level")).isEqualTo("LOW");
    }
}
