package io.clientele.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.customer.CustomerMerge;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import io.clientele.segment.audience.SegmentAudience;
import io.clientele.segment.summary.SegmentSummaryWorker;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Saved segments over the API: versions, idempotent creation, snapshots, exports, overlaps and who may do what. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SavedSegmentApiIntegrationTest extends ApplicationTestSupport {
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    ApiTokens tokens;

    @Autowired
    CustomerMerge merge;

    @Autowired
    SegmentSummaryWorker summaryWorker;

    @Autowired
    SegmentAudience audience;

    @Autowired
    SegmentQueries queries;

    @Autowired
    FieldRegistry fields;

    private String marketer;
    private String sales;

    @BeforeAll
    void tokens() {
        marketer = tokens.issue("segments-marketer", Role.MARKETER.scopes(), "test")
                .secret();
        sales = tokens.issue("segments-sales", Role.SALES.scopes(), "test").secret();
    }

    private JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    private static String segment(String name, String kind, String condition) {
        return "{\"name\":\"" + name + "\",\"description\":\"for a test\",\"kind\":\"" + kind + "\",\"condition\":"
                + condition + "}";
    }

    private static String cityIn(String... cities) {
        return "{\"all\":[{\"field\":\"city\",\"op\":\"in\",\"values\":[\"" + String.join("\",\"", cities) + "\"]}]}";
    }

    private long customerIn(String city, String firstName) {
        return jdbc.sql("insert into customer (first_name, last_name, city, gender, source) values (:first, 'Test',"
                        + " :city, 'F', 'test') returning id")
                .param("first", firstName)
                .param("city", city)
                .query(Long.class)
                .single();
    }

    private List<String> commonCities(int n) {
        return jdbc.sql("select city from customer where city is not null group by city order by count(*) desc, city"
                        + " limit :n")
                .param("n", n)
                .query(String.class)
                .list();
    }

    @Test
    void createsOnceAnswersARetryRefusesAnotherConditionUnderTheNameAndKeepsEveryVersion() throws Exception {
        List<String> cities = commonCities(2);
        String name = "Harrowgate regulars " + System.nanoTime();
        HttpResponse<String> created =
                api(marketer, "POST", "/api/v1/segments", segment(name, "DYNAMIC", cityIn(cities.get(0))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode segment = body(created);
        long id = segment.get("id").asLong();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/segments/" + id);
        assertThat(segment.get("version").asInt()).isEqualTo(1);
        assertThat(segment.get("kind").asString()).isEqualTo("DYNAMIC");
        assertThat(segment.get("createdBy").asString()).isEqualTo("token:segments-marketer");

        HttpResponse<String> retried =
                api(marketer, "POST", "/api/v1/segments", segment(name, "DYNAMIC", cityIn(cities.get(0))));
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(body(retried).get("id").asLong()).isEqualTo(id);
        assertThat(jdbc.sql("select count(*) from segment_version where segment_id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        HttpResponse<String> conflict = api(
                marketer, "POST", "/api/v1/segments", segment(name.toUpperCase(), "DYNAMIC", cityIn(cities.get(1))));
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(body(conflict).get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(body(conflict).get("detail").asString()).startsWith("name:");

        HttpResponse<String> updated =
                api(marketer, "PUT", "/api/v1/segments/" + id, segment(name, "DYNAMIC", cityIn(cities.get(1))));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(body(updated).get("version").asInt()).isEqualTo(2);
        HttpResponse<String> same =
                api(marketer, "PUT", "/api/v1/segments/" + id, segment(name, "DYNAMIC", cityIn(cities.get(1))));
        assertThat(body(same).get("version").asInt())
                .as("an equal body saves nothing")
                .isEqualTo(2);

        JsonNode versions = body(api(marketer, "GET", "/api/v1/segments/" + id + "/versions", null));
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("version").asInt()).isEqualTo(2);
        assertThat(versions.get(0).get("condition").toString()).contains(cities.get(1));
        assertThat(versions.get(1).get("condition").toString()).contains(cities.get(0));

        long expected = jdbc.sql("select count(*) from customer where city = :city")
                .param("city", cities.get(1))
                .query(Long.class)
                .single();
        assertThat(body(api(sales, "GET", "/api/v1/segments/" + id + "/count", null))
                        .get("count")
                        .asLong())
                .isEqualTo(expected);
        JsonNode members = body(api(sales, "GET", "/api/v1/segments/" + id + "/members?size=5&sort=clv", null));
        assertThat(members.get("total").asLong()).isEqualTo(expected);
        assertThat(members.get("items")).hasSize((int) Math.min(5, expected));
        assertThat(jdbc.sql("select action from audit_event where entity = 'segment' and entity_id = :id order by id")
                        .param("id", Long.toString(id))
                        .query(String.class)
                        .list())
                .containsExactly("segment.created", "segment.updated");
    }

    @Test
    void aSnapshotKeepsItsMembersWhileADynamicSegmentFollowsTheCustomers() throws Exception {
        String city = "Frozenford " + System.nanoTime();
        long first = customerIn(city, "Ada");
        long second = customerIn(city, "Bea");
        long dynamic = body(api(marketer, "POST", "/api/v1/segments", segment("dyn " + city, "DYNAMIC", cityIn(city))))
                .get("id")
                .asLong();
        JsonNode snapshot =
                body(api(marketer, "POST", "/api/v1/segments", segment("snap " + city, "SNAPSHOT", cityIn(city))));
        long snap = snapshot.get("id").asLong();
        assertThat(snapshot.get("snapshotCount").asLong()).isEqualTo(2);
        assertThat(snapshot.get("snapshotAt").isNull()).isFalse();

        jdbc.sql("update customer set city = 'Elsewhere' where id = :id")
                .param("id", first)
                .update();
        assertThat(count(dynamic)).isEqualTo(1);
        assertThat(count(snap)).as("frozen").isEqualTo(2);
        assertThat(memberIds(snap)).containsExactlyInAnyOrder(first, second);

        // a merge moves the merged customer's place to the survivor
        long third = customerIn("Elsewhere", "Cy");
        merge.merge(third, second, false);
        assertThat(memberIds(snap)).containsExactlyInAnyOrder(first, third);

        Session person = session();
        person.signIn("marketer", "demo");
        HttpResponse<String> page = person.get("/segments/" + snap);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Snapshot of 2 customers, frozen", "data-testid=\"refreeze\"");
        HttpResponse<String> frozen = person.get("/segments/" + snap + "/members?sort=recency");
        assertThat(frozen.body()).contains("2 customers, frozen", "/customers/" + first, "/customers/" + third);

        JsonNode refrozen = body(api(marketer, "POST", "/api/v1/segments/" + snap + "/refreeze", null));
        assertThat(refrozen.get("version").asInt()).isEqualTo(2);
        assertThat(refrozen.get("snapshotCount").asLong()).isZero();
        assertThat(count(snap)).isZero();
        assertThat(body(api(marketer, "GET", "/api/v1/segments/" + snap + "/versions", null)))
                .hasSize(2);
    }

    private long count(long id) throws Exception {
        return body(api(marketer, "GET", "/api/v1/segments/" + id + "/count", null))
                .get("count")
                .asLong();
    }

    private Set<Long> memberIds(long id) throws Exception {
        JsonNode page = body(api(marketer, "GET", "/api/v1/segments/" + id + "/members?size=100", null));
        return Set.copyOf(
                page.get("items").valueStream().map(n -> n.get("id").asLong()).toList());
    }

    @Test
    void anExportShowsAFormulaLookingNameAsText() throws Exception {
        String city = "Formulaville " + System.nanoTime();
        customerIn(city, "=HYPERLINK(\"http://evil.example\",\"click\")");
        customerIn(city, "Plain");
        long id = body(api(marketer, "POST", "/api/v1/segments", segment("export " + city, "DYNAMIC", cityIn(city))))
                .get("id")
                .asLong();
        HttpResponse<String> csv = api(marketer, "GET", "/api/v1/segments/" + id + "/export", null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).contains("attachment"));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.getFirst()).startsWith("id,customer_number,name,email,city,grade");
        assertThat(csv.body()).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\") Test\",");
        assertThat(csv.body()).doesNotContain(",=HYPERLINK", ",\"=HYPERLINK");
        assertThat(csv.body()).endsWith("\r\n");

        assertThat(api(sales, "GET", "/api/v1/segments/" + id + "/export", null).statusCode())
                .isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'segment.exported' and entity_id = :id")
                        .param("id", Long.toString(id))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void anExportThroughTheAudienceIndexListsWhatTheDatabaseLists() throws Exception {
        String women = "{\"all\":[{\"field\":\"gender\",\"op\":\"eq\",\"values\":[\"F\"]}]}";
        String tag = " " + System.nanoTime();
        long frozen = body(api(marketer, "POST", "/api/v1/segments", segment("women frozen" + tag, "SNAPSHOT", women)))
                .get("id")
                .asLong();
        long dynamic = body(api(marketer, "POST", "/api/v1/segments", segment("women now" + tag, "DYNAMIC", women)))
                .get("id")
                .asLong();
        awaitAudienceFor(ConditionJson.parse(women, fields));
        // the dynamic segment's ids come from the index, the snapshot's rows from its frozen members in SQL
        HttpResponse<String> byIds = api(marketer, "GET", "/api/v1/segments/" + dynamic + "/export", null);
        HttpResponse<String> bySql = api(marketer, "GET", "/api/v1/segments/" + frozen + "/export", null);
        assertThat(byIds.statusCode()).isEqualTo(200);
        assertThat(byIds.body().lines().count()).isEqualTo(sql("gender = 'F'") + 1);
        assertThat(byIds.body()).isEqualTo(bySql.body());
    }

    @Test
    void theOverlapMatrixHasTheIntersectionsCountedInSql() throws Exception {
        List<String> cities = commonCities(2);
        String tag = " " + System.nanoTime();
        long both = body(api(
                        marketer,
                        "POST",
                        "/api/v1/segments",
                        segment("two cities" + tag, "DYNAMIC", cityIn(cities.get(0), cities.get(1)))))
                .get("id")
                .asLong();
        long women = body(api(
                        marketer,
                        "POST",
                        "/api/v1/segments",
                        segment(
                                "women" + tag,
                                "DYNAMIC",
                                "{\"all\":[{\"field\":\"gender\",\"op\":\"eq\",\"values\":[\"F\"]}]}")))
                .get("id")
                .asLong();
        long first = body(api(
                        marketer,
                        "POST",
                        "/api/v1/segments",
                        segment("first city" + tag, "SNAPSHOT", cityIn(cities.get(0)))))
                .get("id")
                .asLong();
        // the summary and the audience index current, so that the dynamic segments are intersected in memory
        awaitAudienceFor(ConditionJson.parse(cityIn(cities.get(0), cities.get(1)), fields));
        HttpResponse<String> response = api(
                sales, "POST", "/api/v1/segments/overlap", "{\"segments\":[" + both + "," + women + "," + first + "]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode overlap = body(response);

        String inBoth = "city in ('" + cities.get(0).replace("'", "''") + "', '"
                + cities.get(1).replace("'", "''") + "')";
        String inFirst = "city = '" + cities.get(0).replace("'", "''") + "'";
        long[][] expected = {
            {sql(inBoth), sql(inBoth + " and gender = 'F'"), sql(inFirst)},
            {sql(inBoth + " and gender = 'F'"), sql("gender = 'F'"), sql(inFirst + " and gender = 'F'")},
            {sql(inFirst), sql(inFirst + " and gender = 'F'"), sql(inFirst)}
        };
        List<String> names = new ArrayList<>();
        overlap.get("segments").forEach(s -> names.add(s.get("name").asString()));
        assertThat(names).containsExactly("two cities" + tag, "women" + tag, "first city" + tag);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                JsonNode cell = overlap.get("matrix").get(i).get(j);
                assertThat(cell.get("count").asLong()).as("cell %d,%d", i, j).isEqualTo(expected[i][j]);
                assertThat(cell.get("share").asDouble())
                        .as("share of the row segment %d,%d", i, j)
                        .isCloseTo((double) expected[i][j] / expected[i][i], org.assertj.core.data.Offset.offset(1e-9));
            }
        }
        assertThat(api(sales, "POST", "/api/v1/segments/overlap", "{\"segments\":[" + both + "]}")
                        .statusCode())
                .isEqualTo(400);
    }

    /** Brings the summary and the audience index up to date until the index answers for the condition. */
    private void awaitAudienceFor(Condition condition) throws InterruptedException {
        for (int attempt = 0; attempt < 300; attempt++) {
            summaryWorker.refreshWhenDue();
            audience.reloadIfChanged();
            if (queries.selectedIds(condition).isPresent()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the audience index did not answer for " + condition);
    }

    private long sql(String where) {
        return jdbc.sql("select count(*) from customer where " + where)
                .query(Long.class)
                .single();
    }

    @Test
    void aSalespersonReadsSegmentsButNeitherSavesNorExports() throws Exception {
        String name = "sales may not " + System.nanoTime();
        assertThat(api(sales, "POST", "/api/v1/segments", segment(name, "DYNAMIC", cityIn("X")))
                        .statusCode())
                .isEqualTo(403);
        long id = body(api(marketer, "POST", "/api/v1/segments", segment(name, "DYNAMIC", cityIn("X"))))
                .get("id")
                .asLong();
        assertThat(api(sales, "PUT", "/api/v1/segments/" + id, segment(name, "DYNAMIC", cityIn("Y")))
                        .statusCode())
                .isEqualTo(403);
        assertThat(api(sales, "GET", "/api/v1/segments/" + id, null).statusCode())
                .isEqualTo(200);
        assertThat(api(sales, "GET", "/api/v1/segments", null).statusCode()).isEqualTo(200);
        assertThat(api(sales, "POST", "/api/v1/segments/count", "{\"condition\":" + cityIn("X") + "}")
                        .statusCode())
                .isEqualTo(200);

        Session person = session();
        person.signIn("sales", "demo");
        assertThat(person.get("/segments").statusCode()).isEqualTo(200);
        assertThat(person.get("/segments/" + id).body()).doesNotContain("data-testid=\"save-form\"");
        assertThat(person.get("/segments/" + id + "/export").statusCode()).isEqualTo(403);
        assertThat(person.postForm(
                                "/segments/new", "/segments", "name=x&kind=DYNAMIC&condition=%7B%22all%22%3A%5B%5D%7D")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void fieldsAndValuePickersServeTheBuilder() throws Exception {
        JsonNode fields = body(api(sales, "GET", "/api/v1/segments/fields", null));
        JsonNode category = fields.valueStream()
                .filter(f -> f.get("key").asString().equals("bought_category"))
                .findFirst()
                .orElseThrow();
        assertThat(category.get("category").asString()).isEqualTo("BEHAVIOUR");
        assertThat(category.get("windowed").asBoolean()).isTrue();
        assertThat(category.get("picker").asString()).isEqualTo("categories");
        String sku = jdbc.sql("select sku from product order by sku limit 1")
                .query(String.class)
                .single();
        JsonNode products = body(api(
                sales,
                "GET",
                "/api/v1/segments/values/products?q=" + sku.substring(0, 3).toLowerCase(),
                null));
        assertThat(products.size()).isBetween(1, 20);
        assertThat(products.get(0).get("label").asString()).contains(" · ");
        assertThat(body(api(sales, "GET", "/api/v1/segments/values/cities?q=%25", null)))
                .as("wildcards are text")
                .isEmpty();
        assertThat(api(sales, "GET", "/api/v1/segments/values/passwords?q=a", null)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void theLiveCountSaysWhereAConditionIsWrong() throws Exception {
        Session person = session();
        person.signIn("marketer", "demo");
        HttpResponse<String> page = person.get("/segments/new");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-testid=\"builder\"");
        assertThat(person.get("/segments/values/cities?q=").body()).startsWith("[{\"value\":");
        assertThat(person.get("/segments/values/passwords?q=a").statusCode()).isEqualTo(404);
        HttpResponse<String> chinese = person.get("/segments/new?lang=zh_CN");
        // the builder's labels travel as JavaScript string escapes: 性别 (gender)
        assertThat(chinese.body()).contains("新建细分", "修改条件时人数随之更新", "\\u6027\\u522B");
        JsonNode error = body(api(
                marketer,
                "POST",
                "/api/v1/segments/count",
                "{\"condition\":{\"all\":[{\"field\":\"city\",\"op\":\"in\",\"values\":[]}]}}"));
        assertThat(error.get("status").asInt()).isEqualTo(400);
        assertThat(error.get("detail").asString()).startsWith("condition.all[0].values:");
    }
}
