package io.clientele.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiScope;
import io.clientele.identity.ApiTokens;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every figure of the insight page drills down to exactly as many customers as it shows; roles are enforced. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsightPagesIntegrationTest extends ApplicationTestSupport {
    private static final Pattern COUNT =
            Pattern.compile("data-testid=\"drill-filter\">.*?([0-9,]+) customers", Pattern.DOTALL);
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    Scoring scoring;

    @Autowired
    ScoringRunner runner;

    @Autowired
    ApiTokens tokens;

    private ScoreRun run;
    private Session analyst;

    @BeforeAll
    void scoreAndSignIn() throws Exception {
        run = runner.runOrAwait(
                scoring.queue(ScoreRun.Trigger.API, Scoring.Request.defaults(), "test"), (phase, done, total) -> {});
        analyst = session();
        analyst.signIn("analyst", "demo");
    }

    @Test
    void theOverviewShowsTheRunsFigures() throws Exception {
        String page = analyst.get("/insight/runs/" + run.id()).body();

        assertThat(page)
                .contains(
                        "data-testid=\"pyramid-chart\"",
                        "data-testid=\"pareto-chart\"",
                        "data-testid=\"rfm-grid\"",
                        "data-testid=\"churn-chart\"",
                        "data-testid=\"value-matrix\"");
        assertThat(page).contains("Run " + run.id() + " as of");
        assertThat(page).contains("Can&#39;t lose them");
    }

    @Test
    void figuresDrillDownToTheirCustomers() throws Exception {
        RunSummary summary = run.summary();
        String base = "/insight/customers?run=" + run.id();

        assertThat(drillCount(base + "&grade=A")).isEqualTo(summary.grade("A").customers());
        assertThat(drillCount(base + "&r=5&f=5")).isEqualTo(summary.cell(5, 5).customers());
        assertThat(drillCount(base + "&segment=CANT_LOSE_THEM"))
                .isEqualTo(summary.segments().stream()
                        .filter(s -> s.key().equals("CANT_LOSE_THEM"))
                        .findFirst()
                        .orElseThrow()
                        .customers());
        // the filter reads as the pages name it, not as the enum's or boolean's raw name
        assertThat(analyst.get(base + "&matrix=HIGH_VOLUME_LOW_SATISFACTION&churned=true")
                        .body())
                .contains("Matrix class: High volume, low satisfaction")
                .contains("Churned: yes")
                .doesNotContain("HIGH_VOLUME_LOW_SATISFACTION<");
        assertThat(drillCount(base + "&unknownSatisfaction=true"))
                .isEqualTo(summary.unknownSatisfaction().customers());
        assertThat(drillCount(base + "&topPercent=20")).isEqualTo(Math.round(summary.buyers() * 0.2));
        assertThat(drillCount(base + "&churned=true")).isEqualTo(summary.churned());
        RunSummary.Churn month = summary.churnByMonth().stream()
                .filter(c -> c.churned() > 0)
                .findFirst()
                .orElseThrow();
        assertThat(drillCount(base + "&churnMonth=" + month.month() + "&grade=" + month.grade()))
                .isEqualTo(month.churned());
    }

    @Test
    void theHoldoutPageComparesTheModelWithWhatCustomersDid() throws Exception {
        LocalDate calibrationEnd = run.asOf().minusDays(120);
        String page = analyst.get("/insight/clv?model=bgnbd&calibrationEnd=" + calibrationEnd)
                .body();

        assertThat(page)
                .contains(
                        "data-testid=\"clv-errors\"",
                        "data-testid=\"clv-by-frequency\"",
                        "data-testid=\"cumulative-chart\"",
                        "MAE",
                        "RMSE");
        String token = tokens.issue("insight test", EnumSet.of(ApiScope.ANALYTICS_READ), "test")
                .secret();
        JsonNode result = json.readTree(api(
                        token,
                        "GET",
                        "/api/v1/insight/clv/validation?model=paretonbd&calibrationEnd=" + calibrationEnd,
                        null)
                .body());
        // the actual holdout figure, counted independently: repeat purchase days after the calibration end of the
        // customers who had bought by then
        long actual = jdbc.sql("""
                        select count(distinct (s.customer_id, (s.sold_at at time zone 'UTC')::date)) from sale s
                        where s.kind = 'SALE' and s.customer_id is not null
                          and s.sold_at >= cast(:from as date) and s.sold_at < cast(:to as date)
                          and exists (select 1 from sale b where b.customer_id = s.customer_id and b.kind = 'SALE'
                                      and b.sold_at < cast(:from as date))""")
                .param("from", calibrationEnd.plusDays(1))
                .param("to", run.asOf().plusDays(1))
                .query(Long.class)
                .single();
        assertThat(result.get("report").get("errors").get("actualTotal").asLong())
                .isEqualTo(actual);
        assertThat(result.get("report")
                        .get("errors")
                        .get("relativeErrorOfTotal")
                        .asDouble())
                .isBetween(-0.5, 0.5);
        assertThat(result.get("parameters").has("beta")).isTrue();
        assertThat(analyst.get("/insight/clv?calibrationEnd=2999-01-01").body())
                .contains("calibrationEnd: must be before");
    }

    @Test
    void aWrongFilterIsABadRequestThatNamesIt() throws Exception {
        HttpResponse<String> response = analyst.get("/insight/customers?grade=Z");

        assertThat(response.statusCode()).isEqualTo(400);
        String token = tokens.issue("insight test", EnumSet.of(ApiScope.ANALYTICS_READ), "test")
                .secret();
        HttpResponse<String> api = api(token, "GET", "/api/v1/insight/customers?r=9", null);
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.body()).contains("r: a recency score is 1 to 5");
    }

    @Test
    void theCustomerPageShowsTheScores() throws Exception {
        long lapsed = jdbc.sql("select s.customer_id from customer_score s where s.run_id = :run "
                        + "and s.rfm_segment = 'CANT_LOSE_THEM' limit 1")
                .param("run", run.id())
                .query(Long.class)
                .single();

        String fragment = analyst.get("/customers/" + lapsed + "/scores").body();

        assertThat(fragment).contains("data-testid=\"score-segment\">Can&#39;t lose them");
        String model = Map.of("bgnbd", "BG/NBD", "mbgnbd", "MBG/NBD", "paretonbd", "Pareto/NBD")
                .get(run.summary().lifetimeValue().model());
        assertThat(fragment).contains("data-testid=\"score-clv\"", "lifetime value by " + model);
        assertThat(analyst.get("/customers/" + lapsed).body()).contains("/customers/" + lapsed + "/scores");
    }

    @Test
    void theApiStartsRunsOnceAndListsThem() throws Exception {
        String token = tokens.issue("insight test", EnumSet.of(ApiScope.ANALYTICS_READ, ApiScope.ANALYTICS_RUN), "test")
                .secret();
        String body = "{\"asOf\":\"" + run.asOf().minusDays(30) + "\",\"churnDays\":90}";

        HttpResponse<String> first = api(token, "POST", "/api/v1/insight/runs", body);
        HttpResponse<String> again = api(token, "POST", "/api/v1/insight/runs", body);

        assertThat(first.statusCode()).isEqualTo(202);
        JsonNode queued = json.readTree(first.body());
        assertThat(queued.get("parameters").get("churnDays").asInt()).isEqualTo(90);
        long id = queued.get("id").asLong();
        assertThat(json.readTree(again.body()).get("id").asLong())
                .as("a run of the same date and parameters still pending is answered, not queued twice")
                .isEqualTo(id);
        ScoreRun done = runner.runOrAwait(
                scoring.queue(
                        ScoreRun.Trigger.API,
                        new Scoring.Request(run.asOf().minusDays(30), 90, null, null, null),
                        "test"),
                (p, d, t) -> {});
        assertThat(done.status()).isEqualTo(ScoreRun.Status.COMPLETED);
        assertThat(json.readTree(api(token, "GET", "/api/v1/insight/runs/" + done.id(), null)
                                .body())
                        .get("summary")
                        .get("buyers")
                        .asLong())
                .isPositive();
        HttpResponse<String> readOnly = api(
                tokens.issue("insight test", EnumSet.of(ApiScope.ANALYTICS_READ), "test")
                        .secret(),
                "POST",
                "/api/v1/insight/runs",
                body);
        assertThat(readOnly.statusCode()).isEqualTo(403);
    }

    @Test
    void rolesWithoutAnalyticsCannotSeeOrStartRuns() throws Exception {
        Session sales = session();
        sales.signIn("sales", "demo");
        assertThat(sales.get("/insight").statusCode()).isEqualTo(403);
        Session store = session();
        store.signIn("store", "demo");
        HttpResponse<String> page = store.get("/insight");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-testid=\"scores-age\"").doesNotContain("refresh-scores");
        assertThat(store.postForm("/insight", "/insight/runs", "churnDays=30").statusCode())
                .isEqualTo(403);
    }

    @Test
    void aOneTimeBuyersProbabilityIsNeverShownAsCertain() throws Exception {
        // a planted silent one-time buyer (docs/demo-data.md, r = 20). On the pristine demo the run chooses the
        // BG/NBD, which cannot judge one-time buyers: the page and the API withhold the figure and say why. Receipts
        // other test classes plant into this shared database can tip the choice to a model that judges them; then
        // the figure is shown, and it is far from certain (ScoringIntegrationTest holds the same two outcomes).
        boolean withheld = run.summary().lifetimeValue().model().equals("bgnbd");
        long id = jdbc.sql("select c.id from customer c join customer_score s on s.customer_id = c.id"
                        + " where s.run_id = :run and c.source = 'demo'"
                        + " and (37 * substring(c.external_id from 2)::bigint) % 100 = 20 and c.email is not null"
                        + " order by c.id limit 1")
                .param("run", run.id())
                .query(Long.class)
                .single();
        JsonNode latest = json.readTree(
                        analyst.get("/api/v1/customers/" + id + "/scores").body())
                .get(0)
                .get("scores");
        String page = analyst.get("/customers/" + id + "/scores").body();
        assertThat(latest.hasNonNull("expected90")).isTrue();
        if (withheld) {
            assertThat(latest.hasNonNull("probabilityAlive")).isFalse();
            assertThat(latest.get("probabilityAliveWithheld").asString()).isEqualTo(ScoredCustomers.ONE_PURCHASE_ONLY);
            assertThat(page).contains("data-testid=\"score-alive\">one purchase only<");
        } else {
            assertThat(latest.get("probabilityAlive").asDouble()).isLessThan(0.995);
            assertThat(latest.hasNonNull("probabilityAliveWithheld")).isFalse();
            assertThat(page)
                    .containsPattern("data-testid=\"score-alive\">[0-9.]+%<")
                    .doesNotContain("data-testid=\"score-alive\">100.0%<");
        }
        // a segment's members (the builder's preview and the exports read the same rows) carry the same figure
        String email = jdbc.sql("select email from customer where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
        String token = tokens.issue("insight test", EnumSet.of(ApiScope.CUSTOMERS_READ), "test")
                .secret();
        JsonNode member = json.readTree(api(
                                token,
                                "POST",
                                "/api/v1/segments/members",
                                "{\"condition\": {\"field\":\"email\",\"op\":\"eq\",\"values\":[\"" + email + "\"]}}")
                        .body())
                .get("items")
                .get(0);
        assertThat(member.get("id").asLong()).isEqualTo(id);
        if (withheld) {
            assertThat(member.hasNonNull("probabilityAlive")).isFalse();
            assertThat(member.get("probabilityAliveWithheld").asString()).isEqualTo(ScoredCustomers.ONE_PURCHASE_ONLY);
        } else {
            assertThat(member.get("probabilityAlive").asDouble())
                    .isEqualTo(latest.get("probabilityAlive").asDouble());
        }
    }

    @Test
    void aMarketerSeesHowOldTheScoresAreAndMayRefreshThem() throws Exception {
        Session marketer = session();
        marketer.signIn("marketer", "demo");
        String page = marketer.get("/insight").body();
        assertThat(page).contains("data-testid=\"refresh-scores\"").containsPattern("Scored [^<]*, data up to ");
        // past the door: a run as of a future date is refused by the form (no run queued), not with 403
        HttpResponse<String> refused = marketer.postForm(
                "/insight",
                "/insight/runs",
                "asOf="
                        + LocalDate.ofInstant(TEST_NOW, java.time.ZoneOffset.UTC)
                                .plusYears(1));
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(marketer.get("/insight/runs").body()).contains("is in the future");
    }

    private long drillCount(String path) throws Exception {
        HttpResponse<String> response = analyst.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        Matcher count = COUNT.matcher(response.body());
        assertThat(count.find()).as(path).isTrue();
        return Long.parseLong(count.group(1).replace(",", ""));
    }
}
