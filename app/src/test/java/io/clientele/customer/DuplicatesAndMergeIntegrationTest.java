package io.clientele.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiScope;
import io.clientele.identity.ApiTokens;
import io.clientele.platform.NotFoundException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Duplicate detection finds planted pairs and not distinct people; a merge moves everything and is recorded. */
class DuplicatesAndMergeIntegrationTest extends ApplicationTestSupport {
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    CustomerEditor editor;

    @Autowired
    Customers customers;

    @Autowired
    Duplicates duplicates;

    @Autowired
    CustomerMerge merge;

    @Autowired
    Consents consents;

    @Autowired
    CustomerTags tags;

    @Autowired
    ApiTokens tokens;

    private long create(String first, String last, String birthDate, String email, String phone) {
        return editor.create(TestCustomers.person(first, last, birthDate, email, phone));
    }

    private List<Duplicates.MatchKey> matchesOf(long id, long otherId) {
        return duplicates.of(id).stream()
                .filter(p -> p.first().id() == otherId || p.second().id() == otherId)
                .findFirst()
                .map(Duplicates.Pair::matches)
                .orElse(List.of());
    }

    /** Every pair on every page of the review list, in order, as "first-second". */
    private List<String> allPairs() {
        List<String> pairs = new java.util.ArrayList<>();
        for (int page = 0; ; page++) {
            var result = duplicates.all(page, 200);
            result.items()
                    .forEach(p -> pairs.add(p.first().id() + "-" + p.second().id()));
            if (!result.hasNext()) {
                return pairs;
            }
        }
    }

    @Test
    void findsTheSameEmailPhoneOrNameAndBirthDateHoweverTheyAreWritten() {
        int n = TestCustomers.unique();
        long mail1 = create("Anna", "Mail" + n, null, "Anna.Mail" + n + "@Clientele.TEST", null);
        long mail2 = create("A.", "Mail" + n, null, "  anna.mail" + n + "@clientele.test ", null);
        long phone1 = create("Bo", "Phone" + n, null, null, "+86 (571) 555-" + n);
        long phone2 = create("Bo", "Phone" + n + "x", null, null, "86 571 555 " + n);
        long name1 = create("José", "Álvarez" + n, "1980-02-03", null, null);
        long name2 = create(" jose ", "ALVAREZ" + n, "1980-02-03", null, null);
        // not duplicates: same name, another birth date; a similar email; a phone with other digits
        long otherBirthDate = create("José", "Álvarez" + n, "1981-02-03", null, null);
        long similarEmail = create("Anna", "Mail" + n, null, "anna.mail" + n + "@clientele.test.cn", null);
        long otherPhone = create("Bo", "Phone" + n, null, null, "+86 (571) 555-" + n + "1");

        assertThat(matchesOf(mail1, mail2)).containsExactly(Duplicates.MatchKey.EMAIL);
        assertThat(matchesOf(phone1, phone2)).containsExactly(Duplicates.MatchKey.PHONE);
        assertThat(matchesOf(name2, name1)).containsExactly(Duplicates.MatchKey.NAME_BIRTH_DATE);
        assertThat(duplicates.of(otherBirthDate)).isEmpty();
        assertThat(duplicates.of(similarEmail)).isEmpty();
        assertThat(duplicates.of(otherPhone)).isEmpty();
        assertThat(allPairs())
                .contains(mail1 + "-" + mail2, phone1 + "-" + phone2, name1 + "-" + name2)
                .noneMatch(p -> Stream.of(otherBirthDate, similarEmail, otherPhone)
                        .anyMatch(id -> p.contains(String.valueOf(id))));
    }

    @Test
    void pairsMatchingMoreKeysComeFirstAndShowTheirReceipts() {
        int n = TestCustomers.unique();
        long weak1 = create("Cai", "Weak" + n, null, "weak" + n + "@clientele.test", null);
        long weak2 = create("Cai", "Weaker" + n, null, "WEAK" + n + "@clientele.test", null);
        long strong1 = create("Dan", "Strong" + n, "1975-07-07", "strong" + n + "@clientele.test", "555 0" + n);
        long strong2 = create("Dan", "Strong" + n, "1975-07-07", "Strong" + n + "@clientele.test", "(555) 0" + n);
        TestCustomers.receipt(jdbc, strong2, TEST_NOW.minus(Duration.ofDays(400)));

        List<String> pairs = allPairs();
        assertThat(pairs.indexOf(strong1 + "-" + strong2))
                .isNotNegative()
                .isLessThan(pairs.indexOf(weak1 + "-" + weak2));
        Duplicates.Pair strong = duplicates.of(strong1).getFirst();
        assertThat(strong.matches()).hasSize(3);
        assertThat(strong.second().related()).containsEntry("sales", 1).containsEntry("timeline", 1);
    }

    @Test
    void aPairMarkedAsTwoPeopleIsNoLongerSuggested() throws Exception {
        int n = TestCustomers.unique();
        long twin1 = create("Eva", "Twin" + n, null, null, "+49 89 " + n);
        long twin2 = create("Eve", "Twin" + n, null, null, "+49-89-" + n);
        assertThat(duplicates.of(twin1)).hasSize(1);
        var manager = session();
        manager.signIn("manager", "demo");
        manager.postForm("/customers/duplicates", "/customers/" + twin2 + "/distinct/" + twin1, "");
        assertThat(duplicates.of(twin1)).isEmpty();
        assertThat(allPairs()).doesNotContain(twin1 + "-" + twin2);
    }

    @Test
    void aMergeMovesEverythingToTheSurvivorFillsItsGapsAndDeletesTheOther() throws Exception {
        int n = TestCustomers.unique();
        long survivor = editor.create(new CustomerInput(
                "S-" + n,
                null,
                "Fang",
                "Merge" + n,
                null,
                "1985-03-04",
                "fang" + n + "@clientele.test",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of("size", 38)));
        long merged = editor.create(new CustomerInput(
                "M-" + n,
                "MC" + n,
                "Fang",
                "Merge" + n,
                "F",
                "1985-03-04",
                "FANG" + n + "@clientele.test",
                "+86 21 5555 " + n,
                null,
                null,
                "Shanghai",
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of("size", 40, "vip", true)));
        consents.record(survivor, ConsentChannel.EMAIL, true, "web form");
        consents.record(merged, ConsentChannel.EMAIL, false, "unsubscribe link");
        consents.record(merged, ConsentChannel.SMS, true, "in-store");
        // the merged customer's email answer is the newer one
        jdbc.sql("update customer_consent set recorded_at = recorded_at - interval '1 day' where customer_id = :id")
                .param("id", survivor)
                .update();
        tags.add(survivor, "vip");
        tags.add(merged, "VIP");
        tags.add(merged, "trade show");
        Instant older = TEST_NOW.minus(Duration.ofDays(500));
        Instant newer = TEST_NOW.minus(Duration.ofDays(300));
        TestCustomers.receipt(jdbc, merged, older);
        TestCustomers.receipt(jdbc, merged, newer);
        TestCustomers.receipt(jdbc, survivor, TEST_NOW.minus(Duration.ofDays(400)));
        long mergedTimeline = count("select count(*) from interaction where customer_id = " + merged);
        long events = count(
                "select count(*) from customer_consent_event where customer_id in (" + survivor + ", " + merged + ")");

        CustomerMerge.Outcome preview = merge.merge(survivor, merged, true);

        assertThat(preview.moved())
                .containsEntry("sales", 2)
                .containsEntry("consents", 2)
                .containsEntry("tags", 2)
                .containsEntry("timeline", (int) mergedTimeline);
        assertThat(preview.result().phone()).isEqualTo("+86 21 5555 " + n);
        assertThat(customers.profile(merged)).as("a preview changes nothing").isPresent();
        assertThat(count("select count(*) from sale where customer_id = " + merged))
                .isEqualTo(2);
        assertThat(count("select count(*) from customer_merge where merged_id = " + merged))
                .isZero();
        assertThat(count("select count(*) from audit_event where action = 'customer.merged' and entity_id = '"
                        + survivor + "'"))
                .isZero();
        assertThat(customers.profile(survivor).orElseThrow().phone()).isNull();

        CustomerMerge.Outcome outcome = merge.merge(survivor, merged, false);

        assertThat(outcome.result()).isEqualTo(customers.profile(survivor).orElseThrow());
        assertThat(customers.profile(merged)).isEmpty();
        CustomerProfile result = customers.profile(survivor).orElseThrow();
        assertThat(result.email()).as("the survivor's own value stays").isEqualTo("fang" + n + "@clientele.test");
        assertThat(result.phone()).as("gaps are filled").isEqualTo("+86 21 5555 " + n);
        assertThat(result.cardNumber()).isEqualTo("MC" + n);
        assertThat(result.externalId()).isEqualTo("S-" + n);
        assertThat(result.gender()).isEqualTo("F");
        assertThat(result.customAttributes())
                .containsExactlyInAnyOrderEntriesOf(Map.of("size", new java.math.BigDecimal("38"), "vip", true));
        assertThat(result.tags()).containsExactly("trade show", "vip");
        assertThat(result.consents())
                .extracting(c -> c.channel() + " " + c.granted())
                .containsExactly("EMAIL false", "SMS true");
        assertThat(count("select count(*) from customer_consent_event where customer_id = " + survivor))
                .as("all consent history kept")
                .isEqualTo(events);
        assertThat(count("select count(*) from sale where customer_id = " + survivor))
                .isEqualTo(3);
        assertThat(result.firstPurchaseAt()).isEqualTo(older);
        assertThat(result.lastPurchaseAt()).isEqualTo(newer);
        assertThat(count("select count(*) from interaction where customer_id = " + survivor + " and kind = 'MERGED'"))
                .isEqualTo(1);
        assertThat(count("select count(*) from interaction where customer_id = " + survivor + " and kind = 'CREATED'"))
                .as("the merged customer's timeline came along")
                .isEqualTo(2);
        assertThat(count("select count(*) from audit_event where action = 'customer.merged' and entity_id = '"
                        + survivor + "'"))
                .isEqualTo(1);

        // the merged customer's identifiers lead to the survivor
        assertThat(customers.idOfExternalId("M-" + n)).hasValue(survivor);
        assertThat(customers.idOfCardNumber("MC" + n)).hasValue(survivor);
        assertThat(customers.survivorOf(merged)).hasValue(survivor);
        assertThatThrownBy(() -> editor.create(TestCustomers.person("New", "Person", null, null, null)
                        .filledFrom(new CustomerInput(
                                "M-" + n, null, null, null, null, null, null, null, null, null, null, null, null, null,
                                null, null, null, null))))
                .hasMessageContaining("externalId: validation.mergedInto");
        var analyst = session();
        analyst.signIn("analyst", "demo");
        HttpResponse<String> old = analyst.get("/customers/" + merged);
        assertThat(old.statusCode()).isEqualTo(302);
        assertThat(old.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/customers/" + survivor));
        HttpResponse<String> api = analyst.get("/api/v1/customers/" + merged);
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.body()).contains("was merged into customer " + survivor);

        // merging the survivor again carries the redirect on
        long third = editor.create(TestCustomers.someone());
        merge.merge(third, survivor, false);
        assertThat(customers.idOfExternalId("M-" + n)).hasValue(third);
        assertThat(customers.idOfExternalId("S-" + n)).hasValue(third);
        assertThat(customers.survivorOf(merged)).hasValue(third);
    }

    @Test
    void aCustomerCannotBeMergedIntoItselfNorWithOneThatIsGone() {
        long id = editor.create(TestCustomers.someone());
        assertThatThrownBy(() -> merge.merge(id, id, true)).hasMessageContaining("validation.mergeSelf");
        assertThatThrownBy(() -> merge.merge(id, 999_999_999L, true)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void onlyMarketingManagersAndAdministratorsMerge() throws Exception {
        int n = TestCustomers.unique();
        long first = create("Gao", "Rights" + n, null, "rights" + n + "@clientele.test", null);
        long second = create("Gao", "Rights" + n, null, "Rights" + n + "@clientele.test", null);
        String path = "/customers/" + first + "/merge/" + second;

        var marketer = session();
        marketer.signIn("marketer", "demo");
        assertThat(marketer.get(path).statusCode()).isEqualTo(403);
        assertThat(marketer.postForm("/customers/duplicates", path, "").statusCode())
                .isEqualTo(403);
        assertThat(marketer.get("/customers/" + first).body()).doesNotContain("data-testid=\"review-duplicate\"");
        assertThat(marketer.get("/customers/duplicates").body())
                .contains("data-testid=\"duplicate-pair\"")
                .doesNotContain("data-testid=\"merge-keep-first\"");
        String writer = tokens.issue("writer", EnumSet.of(ApiScope.CUSTOMERS_READ, ApiScope.CUSTOMERS_WRITE), "test")
                .secret();
        assertThat(api(writer, "POST", "/api/v1" + path + "?dryRun=true", null).statusCode())
                .isEqualTo(403);
        assertThat(customers.profile(second)).isPresent();

        String merger = tokens.issue("merger", EnumSet.of(ApiScope.CUSTOMERS_MERGE), "test")
                .secret();
        HttpResponse<String> dryRun = api(merger, "POST", "/api/v1" + path + "?dryRun=true", null);
        assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
        JsonNode preview = json.readTree(dryRun.body());
        assertThat(preview.get("dryRun").asBoolean()).isTrue();
        assertThat(preview.get("moved").get("timeline").asInt()).isEqualTo(1);
        assertThat(customers.profile(second)).isPresent();

        var manager = session();
        manager.signIn("manager", "demo");
        String page = manager.get(path).body();
        assertThat(page).contains("data-testid=\"merge-preview\"", "data-testid=\"confirm-merge\"");
        HttpResponse<String> merged = manager.postForm(path, path, "");
        assertThat(merged.statusCode()).isEqualTo(302);
        assertThat(customers.profile(second)).isEmpty();
        assertThat(manager.get("/customers/" + first).body()).contains("was merged into", "⇄");
        assertThat(jdbc.sql("select actor from audit_event where action = 'customer.merged' and entity_id = :id")
                        .param("id", String.valueOf(first))
                        .query(String.class)
                        .single())
                .isEqualTo("manager");
    }

    @Test
    void theApiListsDuplicatesPaged() throws Exception {
        int n = TestCustomers.unique();
        long first = create("Hu", "Api" + n, null, "hu.api" + n + "@clientele.test", null);
        long second = create("Hu", "Api" + n, null, "HU.API" + n + "@clientele.test", null);
        String reader = tokens.issue("reader", EnumSet.of(ApiScope.CUSTOMERS_READ), "test")
                .secret();
        JsonNode page = json.readTree(api(reader, "GET", "/api/v1/customers/duplicates?size=200", null)
                .body());
        assertThat(page.get("total").asLong()).isPositive();
        JsonNode ofFirst = json.readTree(api(reader, "GET", "/api/v1/customers/" + first + "/duplicates", null)
                .body());
        assertThat(ofFirst.get(0).get("second").get("id").asLong()).isEqualTo(second);
        assertThat(ofFirst.get(0).get("matches").get(0).asString()).isEqualTo("EMAIL");
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
