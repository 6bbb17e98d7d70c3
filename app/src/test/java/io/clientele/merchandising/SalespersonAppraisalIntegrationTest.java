package io.clientele.merchandising;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import io.clientele.identity.UserDataScopes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The appraisal on the demo data, where every salesperson has targets and P0002's are 1 / 1.6 of what they sold: the
 * ranking puts P0002 first at 160%. Targets are refused, field by field, when negative, holding a NUL or naming a
 * salesperson unknown (or of another store, to a store manager), and a CSV file with bad rows stores nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SalespersonAppraisalIntegrationTest extends ApplicationTestSupport {
    @Autowired
    ApiTokens tokens;

    @Autowired
    UserDataScopes assignments;

    @Autowired
    JsonMapper json;

    String manager;
    String analyst;
    String lastMonth;

    @BeforeAll
    void tokens() {
        manager = tokens.issue("appraisal-manager", Role.MARKETING_MANAGER.scopes(), "test")
                .secret();
        analyst =
                tokens.issue("appraisal-analyst", Role.ANALYST.scopes(), "test").secret();
        lastMonth = LocalDate.ofInstant(TEST_NOW, ZoneOffset.UTC)
                .minusMonths(1)
                .toString()
                .substring(0, 7);
    }

    @Test
    void theDemosPlantedSalespersonRanksFirstAtTheirPlantedAttainment() throws Exception {
        HttpResponse<String> response = api(analyst, "GET", "/api/v1/merchandising/appraisal", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode appraisal = json.readTree(response.body());
        assertThat(appraisal.get("period").asString()).isEqualTo(lastMonth);
        JsonNode rows = appraisal.get("rows");
        assertThat(rows.size()).isEqualTo(91);
        JsonNode first = rows.get(0);
        assertThat(first.get("salesperson").asString())
                .as("%s, then %s", first, rows.get(1))
                .isEqualTo("P0002");
        assertThat(first.get("rank").asInt()).isEqualTo(1);
        assertThat(first.get("attainment").asDouble()).isCloseTo(1.60, within(0.08));
        // everyone else lies well below: the planted one stands out
        assertThat(rows.get(1).get("attainment").asDouble()).isLessThan(1.25);
        for (JsonNode row : rows)
            assertThat(row.get("target").isNull()).as(row.toString()).isFalse();

        // the same revenue as the explorer's salesperson pivot of the month
        JsonNode pivot = json.readTree(api(
                        analyst,
                        "GET",
                        "/api/v1/merchandising/sales?rows=SALESPERSON&columns=MONTH&from=" + lastMonth + "-01&to="
                                + LocalDate.parse(lastMonth + "-01")
                                        .plusMonths(1)
                                        .minusDays(1),
                        null)
                .body());
        for (JsonNode cell : pivot.get("rowTotals")) {
            if (cell.get("row").asString().equals("P0002")) {
                assertThat(cell.get("revenue").decimalValue())
                        .isEqualByComparingTo(first.get("revenue").decimalValue());
            }
        }
        // retention is of the month before's card holders
        assertThat(first.get("previousCustomers").asLong()).isPositive();
        assertThat(first.get("retention").decimalValue().doubleValue())
                .isEqualTo(
                        (double) first.get("retained").asLong()
                                / first.get("previousCustomers").asLong(),
                        within(0.0001));

        Session store = session();
        store.signIn("store", "demo");
        List<String> theirs = assignments.all().get("store").stores();
        JsonNode scoped = json.readTree(
                store.get("/api/v1/merchandising/appraisal?period=" + lastMonth).body());
        assertThat(scoped.get("rows")).isNotEmpty();
        for (JsonNode row : scoped.get("rows"))
            assertThat(theirs).contains(row.get("store").asString());
        String page = store.get("/merchandising/appraisal?period=" + lastMonth).body();
        Matcher people = Pattern.compile("data-salesperson=\"([^\"]+)\"").matcher(page);
        int seen = 0;
        while (people.find()) {
            seen++;
            assertThat(scoped.get("rows").toString()).contains("\"" + people.group(1) + "\"");
        }
        assertThat(seen).isEqualTo(scoped.get("rows").size());
    }

    private HttpResponse<String> put(String token, String body) throws Exception {
        return api(token, "PUT", "/api/v1/merchandising/targets", body);
    }

    private long targets() {
        return jdbc.sql("select count(*) from salesperson_target")
                .query(Long.class)
                .single();
    }

    private String field(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return json.readTree(response.body()).get("errors").get(0).get("field").asString();
    }

    @Test
    void badTargetsAreRefusedWithTheFieldNamed() throws Exception {
        long before = targets();
        assertThat(field(put(manager, "{\"salesperson\":\"P0001\",\"period\":\"2031-01\",\"revenue\":\"-5\"}")))
                .isEqualTo("revenue");
        assertThat(field(put(manager, "{\"salesperson\":\"P00\\u00001\",\"period\":\"2031-01\",\"revenue\":\"5\"}")))
                .isEqualTo("salesperson");
        assertThat(field(put(manager, "{\"salesperson\":\"NOBODY\",\"period\":\"2031-01\",\"revenue\":\"5\"}")))
                .isEqualTo("salesperson");
        assertThat(field(put(manager, "{\"salesperson\":\"P0001\",\"period\":\"2031-13\",\"revenue\":\"5\"}")))
                .isEqualTo("period");
        assertThat(field(put(manager, "{\"salesperson\":\"P0001\",\"period\":\"2031-01\",\"revenue\":\"abc\"}")))
                .isEqualTo("revenue");
        assertThat(targets()).isEqualTo(before);
        assertThat(put(analyst, "{\"salesperson\":\"P0001\",\"period\":\"2031-01\",\"revenue\":\"5\"}")
                        .statusCode())
                .as("an analyst reads, but sets no target")
                .isEqualTo(403);

        HttpResponse<String> ok = put(manager, "{\"salesperson\":\"P0001\",\"period\":\"2031-q2\",\"revenue\":1234.5}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json.readTree(ok.body()).get("period").asString()).isEqualTo("2031-Q2");
        assertThat(json.readTree(ok.body()).get("revenue").decimalValue()).isEqualByComparingTo("1234.50");
        assertThat(put(manager, "{\"salesperson\":\"P0001\",\"period\":\"2031-Q2\",\"revenue\":\"1300\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(targets()).as("a second put replaces the first").isEqualTo(before + 1);

        // a store manager: another store's salesperson is unknown to them
        Session store = session();
        store.signIn("store", "demo");
        List<String> theirs = assignments.all().get("store").stores();
        String foreign = jdbc.sql("select sp.code from salesperson sp join store st on st.id = sp.store_id"
                        + " where st.code <> all(:theirs) order by sp.code limit 1")
                .param("theirs", theirs.toArray(String[]::new))
                .query(String.class)
                .single();
        HttpResponse<String> refused = store.postForm(
                "/merchandising/appraisal",
                "/merchandising/appraisal/targets",
                "salesperson=" + foreign + "&period=2031-01&revenue=100");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"salesperson-error\"");
        assertThat(targets()).isEqualTo(before + 1);
    }

    private HttpResponse<String> importCsv(String token, String csv) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url("/api/v1/merchandising/targets/import")))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "text/csv")
                                .POST(HttpRequest.BodyPublishers.ofString(csv))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTargetsFileWithBadRowsStoresNothingAndNamesEachRow() throws Exception {
        long before = targets();
        HttpResponse<String> bad = importCsv(
                manager,
                "salesperson,period,revenue\nP0003,2032-01,100\nP0003,2032-02,-1\nGHOST,2032-01,5\nP0004,2032-01,"
                        + "1\u0000\nP0003,2032-01,7\n");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        JsonNode errors = json.readTree(bad.body()).get("errors");
        assertThat(errors.toString())
                .contains("\"field\":\"lines[3].revenue\"")
                .contains("\"field\":\"lines[4].salesperson\"")
                .contains("\"field\":\"lines[5].revenue\"")
                .contains("\"field\":\"lines[6].period\"");
        assertThat(targets()).isEqualTo(before);
        assertThat(field(importCsv(manager, "who,when\nP0001,2032-01\n"))).isEqualTo("file");

        HttpResponse<String> good =
                importCsv(manager, "salesperson,period,revenue,note\nP0003,2032-01,100,=1+1\nP0004,2032-Q1,250.75,\n");
        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        assertThat(json.readTree(good.body()).get("stored").asInt()).isEqualTo(2);
        assertThat(targets()).isEqualTo(before + 2);
        JsonNode quarter = json.readTree(api(manager, "GET", "/api/v1/merchandising/targets?period=2032-Q1", null)
                .body());
        assertThat(quarter.toString()).contains("\"salesperson\":\"P0004\"").contains("250.75");
    }
}
