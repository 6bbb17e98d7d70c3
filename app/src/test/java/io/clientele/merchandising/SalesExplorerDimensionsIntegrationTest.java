package io.clientele.merchandising;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import io.clientele.identity.UserDataScopes;
import io.clientele.insight.ScoreRun;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The customer grade and a saved segment as pivot dimensions, on the demo's last year, against plain SQL written
 * without the explorer's expressions: the grade read from the scoring run's rows, the segment's members by the city
 * its condition names. Totals are the same sums without the second dimension. A store manager's pivot, API and page,
 * holds only their stores.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SalesExplorerDimensionsIntegrationTest extends ApplicationTestSupport {
    @Autowired
    ApiTokens tokens;

    @Autowired
    UserDataScopes assignments;

    @Autowired
    JsonMapper json;

    String analyst;
    ScoreRun run;
    String city;
    long segment;
    LocalDate from;
    LocalDate to;

    @BeforeAll
    void prepare() throws Exception {
        analyst = tokens.issue("dimensions-analyst", Role.ANALYST.scopes(), "test")
                .secret();
        run = scoreNow();
        city = jdbc.sql("select city from customer where city is not null group by city order by count(*) desc, city"
                        + " limit 1")
                .query(String.class)
                .single();
        HttpResponse<String> created = api(
                analyst,
                "POST",
                "/api/v1/segments",
                "{\"name\":\"Explorer city " + System.nanoTime() + "\",\"kind\":\"DYNAMIC\",\"condition\":"
                        + "{\"all\":[{\"field\":\"city\",\"op\":\"in\",\"values\":[\"" + city + "\"]}]}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        segment = json.readTree(created.body()).get("id").asLong();
        to = LocalDate.ofInstant(TEST_NOW, ZoneOffset.UTC);
        from = to.minusDays(364);
    }

    private JsonNode pivot(String query) throws Exception {
        HttpResponse<String> response =
                api(analyst, "GET", "/api/v1/merchandising/sales?from=" + from + "&to=" + to + "&" + query, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** Revenue and sale receipts by key, as plain SQL sums them. */
    private Map<String, long[]> plain(String keySql, Map<String, Object> params) {
        Map<String, long[]> sums = new HashMap<>();
        Map<String, Object> all = new HashMap<>(params);
        all.put("from", Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()));
        all.put("to", Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        jdbc.sql("select " + keySql + " as k, round(sum(l.amount) * 100),"
                        + " count(distinct s.id) filter (where s.kind = 'SALE')"
                        + " from sale s join sale_line l on l.sale_id = s.id join product p on p.id = l.product_id"
                        + " where s.sold_at >= :from and s.sold_at < :to group by 1")
                .params(all)
                .query(rs -> {
                    sums.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                });
        return sums;
    }

    private static Map<String, long[]> cells(JsonNode cells, boolean byRow) {
        Map<String, long[]> map = new HashMap<>();
        for (JsonNode cell : cells) {
            map.put(cell.get(byRow ? "row" : "column").asString(), new long[] {
                cell.get("revenue").decimalValue().movePointRight(2).longValueExact(),
                cell.get("receipts").asLong()
            });
        }
        return map;
    }

    @Test
    void theGradeOfTheLatestRunAgreesWithPlainSql() throws Exception {
        JsonNode pivot = pivot("rows=GRADE&columns=BRAND");
        assertThat(pivot.get("scoreRun").asLong()).isEqualTo(run.id());
        // the grade as the run's rows hold it, customer by customer; no card or no score is '–'
        Map<String, long[]> expected = plain(
                "coalesce((select cs.grade from customer_score cs where cs.run_id = :run"
                        + " and cs.customer_id = s.customer_id), '–')",
                Map.of("run", run.id()));
        assertThat(expected.keySet()).contains("A", "B", "–");
        Map<String, long[]> actual = cells(pivot.get("rowTotals"), true);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach(
                (grade, sums) -> assertThat(actual.get(grade)).as(grade).containsExactly(sums));

        Map<String, long[]> gradeABrands = plainFiltered("p.brand", "cs.grade = 'A'");
        JsonNode drilled = pivot("rows=BRAND&columns=YEAR&filter=GRADE:A");
        Map<String, long[]> drilledRows = cells(drilled.get("rowTotals"), true);
        assertThat(drilledRows.keySet()).isEqualTo(gradeABrands.keySet());
        gradeABrands.forEach(
                (brand, sums) -> assertThat(drilledRows.get(brand)).as(brand).containsExactly(sums));
    }

    private Map<String, long[]> plainFiltered(String keySql, String condition) {
        Map<String, long[]> sums = new HashMap<>();
        jdbc.sql("select " + keySql
                        + ", round(sum(l.amount) * 100), count(distinct s.id) filter (where s.kind = 'SALE')"
                        + " from sale s join sale_line l on l.sale_id = s.id join product p on p.id = l.product_id"
                        + " join customer_score cs on cs.customer_id = s.customer_id and cs.run_id = :run"
                        + " where s.sold_at >= :from and s.sold_at < :to and " + condition + " group by 1")
                .param("run", run.id())
                .param("from", Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .param(
                        "to",
                        Timestamp.from(
                                to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .query(rs -> {
                    sums.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                });
        return sums;
    }

    @Test
    void aSegmentSplitsMembersFromTheRestAsPlainSqlDoes() throws Exception {
        JsonNode pivot = pivot("rows=SEGMENT&columns=MONTH&segment=" + segment);
        assertThat(pivot.get("segment").get("id").asLong()).isEqualTo(segment);
        Map<String, long[]> expected = plain(
                "case when exists (select 1 from customer c where c.id = s.customer_id and c.city = :city)"
                        + " then 'MEMBER' else 'NON_MEMBER' end",
                Map.of("city", city));
        Map<String, long[]> actual = cells(pivot.get("rowTotals"), true);
        assertThat(actual.keySet()).containsExactlyInAnyOrder("MEMBER", "NON_MEMBER");
        expected.forEach((side, sums) -> assertThat(actual.get(side)).as(side).containsExactly(sums));
        // the grand total is every line once, whatever the split
        long[] whole = plain("'all'", Map.of()).get("all");
        assertThat(pivot.get("total")
                        .get("revenue")
                        .decimalValue()
                        .movePointRight(2)
                        .longValueExact())
                .isEqualTo(whole[0]);
        assertThat(pivot.get("total").get("receipts").asLong()).isEqualTo(whole[1]);

        HttpResponse<String> missing =
                api(analyst, "GET", "/api/v1/merchandising/sales?rows=SEGMENT&columns=MONTH", null);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("\"field\":\"segment\"");
        HttpResponse<String> unknown =
                api(analyst, "GET", "/api/v1/merchandising/sales?rows=SEGMENT&columns=MONTH&segment=999999999", null);
        assertThat(unknown.statusCode()).isEqualTo(400);
        HttpResponse<String> badFilter = api(
                analyst,
                "GET",
                "/api/v1/merchandising/sales?rows=BRAND&columns=MONTH&filter="
                        + URLEncoder.encode("COLOUR:red", StandardCharsets.UTF_8),
                null);
        assertThat(badFilter.statusCode()).isEqualTo(400);
        assertThat(badFilter.body()).contains("\"field\":\"filter\"");
    }

    @Test
    void aStoreManagerNeverSeesAnotherStoresSales() throws Exception {
        List<String> theirs = assignments.all().get("store").stores();
        Session session = session();
        session.signIn("store", "demo");
        HttpResponse<String> api =
                session.get("/api/v1/merchandising/sales?rows=STORE&columns=GRADE&from=" + from + "&to=" + to);
        assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
        JsonNode pivot = json.readTree(api.body());
        assertThat(pivot.get("rowTotals")).isNotEmpty();
        for (JsonNode row : pivot.get("rowTotals"))
            assertThat(theirs).contains(row.get("row").asString());
        BigDecimal theirRevenue = jdbc.sql("select sum(l.amount) from sale s join sale_line l on l.sale_id = s.id"
                        + " join store st on st.id = s.store_id where st.code = any(:stores)"
                        + " and s.sold_at >= :from and s.sold_at < :to")
                .param("stores", theirs.toArray(String[]::new))
                .param("from", Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .param(
                        "to",
                        Timestamp.from(
                                to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .query(BigDecimal.class)
                .single();
        assertThat(pivot.get("total").get("revenue").decimalValue()).isEqualByComparingTo(theirRevenue);

        HttpResponse<String> page =
                session.get("/merchandising/sales?rows=STORE&columns=MONTH&from=" + from + "&to=" + to);
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher rows = Pattern.compile("data-row=\"([^\"]+)\"").matcher(page.body());
        int seen = 0;
        while (rows.find()) {
            assertThat(theirs).contains(rows.group(1));
            seen++;
        }
        assertThat(seen).isPositive();
        String other = jdbc.sql("select code from store where code <> all(:theirs) order by code limit 1")
                .param("theirs", theirs.toArray(String[]::new))
                .query(String.class)
                .single();
        HttpResponse<String> csv =
                session.get("/merchandising/sales.csv?rows=STORE&columns=MONTH&from=" + from + "&to=" + to);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("store,month,revenue").doesNotContain(other + ",");
        assertThat(session.get("/merchandising/sales/receipts?rows=STORE&row=" + other + "&columns=MONTH&column="
                                + to.toString().substring(0, 7) + "&from=" + from + "&to=" + to)
                        .body())
                .doesNotContain("data-receipt=");
    }
}
