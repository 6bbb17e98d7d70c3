package io.clientele.supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.StepFrozen;
import io.clientele.campaign.material.Materials;
import io.clientele.identity.ApiScope;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import io.clientele.identity.UserAccounts;
import io.clientele.loyalty.LoyaltyCards;
import io.clientele.loyalty.PointsLedger;
import io.clientele.loyalty.Programme;
import io.clientele.platform.InvalidInputException;
import io.clientele.segment.ConditionJson;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SavedSegment;
import io.clientele.segment.SavedSegments;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Supplier-funded promotions on planted receipts: the settlement of a bonus-points promotion computed by hand,
 * recomputed idempotently and frozen by closing; a supplier's person reading its own supplier's aggregates and
 * nothing else (another supplier, another brand, any customer: refused); bad input refused with the field named.
 */
class SupplierIntegrationTest extends ApplicationTestSupport {
    @Autowired
    Suppliers suppliers;

    @Autowired
    Promotions promotions;

    @Autowired
    Settlements settlements;

    @Autowired
    SharedSegments shared;

    @Autowired
    SavedSegments savedSegments;

    @Autowired
    FieldRegistry fields;

    @Autowired
    LoyaltyCards cards;

    @Autowired
    PointsLedger ledger;

    @Autowired
    UserAccounts users;

    @Autowired
    ApiTokens tokens;

    @Autowired
    Materials materials;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    private String suffix;
    private String ours;
    private String theirs;
    private long supplier;
    private long other;
    private String token;
    /** The first day of the month the planted receipts fall in: two months back, so that it has ended. */
    private LocalDate month;

    @BeforeEach
    void plant() {
        suffix = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        ours = "Zephyra " + suffix;
        theirs = "Quillon " + suffix;
        product("ZP-" + suffix, ours, "100.00");
        product("QL-" + suffix, theirs, "50.00");
        supplier = suppliers
                .create(new Suppliers.SupplierInput("Zephyra Group " + suffix, List.of(ours)), "test")
                .id();
        other = suppliers
                .create(new Suppliers.SupplierInput("Quillon Ltd " + suffix, List.of(theirs)), "test")
                .id();
        token = tokens.issue("supplier test " + suffix, EnumSet.allOf(ApiScope.class), "test")
                .secret();
        month = LocalDate.ofInstant(TEST_NOW, ZoneOffset.UTC).withDayOfMonth(1).minusMonths(2);
    }

    @Test
    void aBonusPromotionSettlesAsComputedByHandRecomputesIdempotentlyAndFreezesWhenClosed() throws Exception {
        // triple points on our brand on days 5 to 14 of the month; the supplier pays 40 %, at most 30.00 a month
        Promotions.Promotion promotion = promotions.create(
                supplier,
                new Promotions.PromotionInput(
                        "Triple points " + suffix,
                        "LOYALTY_BONUS",
                        List.of(ours),
                        null,
                        new BigDecimal("3"),
                        month.plusDays(4),
                        month.plusDays(13),
                        new BigDecimal("40"),
                        new BigDecimal("30.00")),
                "manager");
        String card = cards.issue("SP" + suffix, null).cardNumber();
        // in the days: 2 × 100.00 of ours and 1 × 50.00 of theirs; 1 × 55.55 of ours; a return of one of ours
        post(receipt("R1", "SALE", 6, card, line(1, "ZP", 2, "100.00"), line(2, "QL", 1, "50.00")));
        post(receipt("R2", "SALE", 8, card, line(1, "ZP", 1, "55.55")));
        post(receipt("R3", "RETURN", 9, card, line(1, "ZP", -1, "100.00")));
        // outside the days, and without a card (no points, so no bonus): not the promotion's
        post(receipt("R4", "SALE", 20, card, line(1, "ZP", 1, "100.00")));
        post(receipt("R5", "SALE", 7, null, line(1, "ZP", 1, "100.00")));

        // the loyalty feature earned by the promotion's rule: R1 = 200.00 × 3 + 50.00 × 1
        Programme programme = ledger.programme();
        assertThat(earned("R1"))
                .isEqualTo(programme
                        .pointsPerUnit()
                        .multiply(new BigDecimal("650.00"))
                        .setScale(0, RoundingMode.FLOOR)
                        .longValue());

        settlements.recompute(supplier);
        // by hand: (200.00 + 55.55 − 100.00) × points per unit × (3 − 1) bonus points, at the point value
        long points = new BigDecimal("155.55")
                .multiply(programme.pointsPerUnit())
                .multiply(new BigDecimal("2"))
                .setScale(0, RoundingMode.DOWN)
                .longValue();
        BigDecimal cost =
                programme.pointValue().multiply(BigDecimal.valueOf(points)).setScale(2, RoundingMode.HALF_UP);
        BigDecimal supplierShare = cost.multiply(new BigDecimal("0.40")).setScale(2, RoundingMode.HALF_UP);
        if (supplierShare.compareTo(new BigDecimal("30.00")) > 0) {
            supplierShare = new BigDecimal("30.00");
        }
        Settlements.Settlement row = only(settlements.of(supplier));
        assertThat(row.promotionId()).isEqualTo(promotion.id());
        assertThat(row.period()).isEqualTo(month);
        assertThat(row.redemptions()).isEqualTo(2);
        assertThat(row.bonusPoints()).isEqualTo(points);
        assertThat(row.cost()).isEqualByComparingTo(cost);
        assertThat(row.supplierShare()).isEqualByComparingTo(supplierShare);
        assertThat(row.ourShare()).isEqualByComparingTo(cost.subtract(supplierShare));

        // again: the same row, nothing added
        settlements.recompute(supplier);
        assertThat(settlements.of(supplier)).hasSize(1);
        assertThat(only(settlements.of(supplier)).cost()).isEqualByComparingTo(cost);

        // closed, the month no longer changes, even when a late receipt comes in
        settlements.close(supplier, month.plusDays(17), "manager");
        post(receipt("R6", "SALE", 10, card, line(1, "ZP", 1, "100.00")));
        settlements.recompute(supplier);
        Settlements.Settlement closed = only(settlements.of(supplier));
        assertThat(closed.closed()).isTrue();
        assertThat(closed.closedBy()).isEqualTo("manager");
        assertThat(closed.cost()).isEqualByComparingTo(cost);
        assertThat(promotions.of(supplier).get(0).supplierShare()).isEqualByComparingTo(supplierShare);

        // this month has not ended: it cannot be closed
        assertThatThrownBy(() -> settlements.close(supplier, LocalDate.ofInstant(TEST_NOW, ZoneOffset.UTC), "manager"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems()).anyMatch(p -> p.field().equals("period")));
    }

    @Test
    void aCouponPromotionCostsTheDiscountsOfTheStepsCouponsOnTheBrandsLines() throws Exception {
        // a coupon step whose two customers got their codes when it froze
        CampaignFixtures fixtures = new CampaignFixtures(jdbc, materials);
        long campaign = fixtures.runningCampaign("Zephyra coupons " + suffix);
        long step = fixtures.frozenStep(campaign, StepChannel.COUPON, null, null);
        List<Long> customers = fixtures.reachableCustomers(2);
        fixtures.treated(step, customers);
        new TransactionTemplate(transactions)
                .executeWithoutResult(t -> events.publishEvent(new StepFrozen(campaign, step, StepChannel.COUPON)));
        List<String> codes = jdbc.sql(
                        "select coupon_code from campaign_member where step_id = :step order by customer_id")
                .param("step", step)
                .query(String.class)
                .list();
        assertThat(codes).hasSize(2).doesNotContainNull();
        promotions.create(
                supplier,
                new Promotions.PromotionInput(
                        "Coupon " + suffix,
                        "COUPON",
                        List.of(ours),
                        step,
                        null,
                        month,
                        month.plusMonths(1).minusDays(1),
                        new BigDecimal("75"),
                        null),
                "manager");
        // the step's codes on our lines: 10.00 and 12.50 off; on their brand, another code, a return: not ours
        post(receipt(
                "C1",
                "SALE",
                3,
                null,
                coupon(line(1, "ZP", 1, "100.00"), "10.00", codes.get(0)),
                coupon(line(2, "QL", 1, "50.00"), "5.00", codes.get(0))));
        post(receipt("C2", "SALE", 4, null, coupon(line(1, "ZP", 2, "100.00"), "12.50", codes.get(1))));
        post(receipt("C3", "SALE", 5, null, coupon(line(1, "ZP", 1, "100.00"), "7.00", "OTHER" + suffix)));
        post(receipt("C4", "SALE", 2, null, line(1, "ZP", 1, "100.00")));

        settlements.recompute(supplier);
        Settlements.Settlement row = only(settlements.of(supplier));
        assertThat(row.redemptions()).isEqualTo(2);
        assertThat(row.bonusPoints()).isNull();
        assertThat(row.cost()).isEqualByComparingTo("22.50");
        // 75 % of 22.50 = 16.875, half up to the cent, no cap
        assertThat(row.supplierShare()).isEqualByComparingTo("16.88");
        assertThat(row.ourShare()).isEqualByComparingTo("5.62");
    }

    @Test
    void aSupplierPersonSeesOnlyItsOwnBrandsAggregatesAndNoCustomer() throws Exception {
        String username = "sup-" + suffix.toLowerCase();
        users.create(username, "Supplier " + suffix, Role.SUPPLIER, "demo");
        suppliers.linkUser(supplier, username, "manager");
        SavedSegment tiny = savedSegments
                .create(new SavedSegments.Draft(
                        "Nobody " + suffix,
                        null,
                        SavedSegment.Kind.DYNAMIC,
                        ConditionJson.parse(
                                "{\"field\": \"amount_spent\", \"op\": \"gt\", \"values\": [999999999]}", fields)))
                .segment();
        shared.share(supplier, tiny.id(), "manager");
        post(receipt("S1", "SALE", 3, null, line(1, "ZP", 1, "100.00"), line(2, "QL", 1, "50.00")));

        Session session = session();
        session.signIn(username, "demo");
        // its own supplier: where /suppliers sends it, with its brand's sell-through and the tiny segment as "< 10"
        assertThat(session.get("/suppliers").headers().firstValue("Location").orElseThrow())
                .endsWith("/suppliers/" + supplier);
        HttpResponse<String> page = session.get("/suppliers/" + supplier);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains(ours)
                .contains("&lt; 10")
                .doesNotContain(theirs)
                .doesNotContain("/customers/");
        HttpResponse<String> sellThrough = session.get("/suppliers/" + supplier + "/sell-through?from=" + month);
        assertThat(sellThrough.statusCode()).isEqualTo(200);
        assertThat(sellThrough.body()).contains(ours).doesNotContain(theirs);
        HttpResponse<String> api = session.get("/api/v1/suppliers/" + supplier + "/sell-through?from=" + month);
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).contains(ours).doesNotContain(theirs).doesNotContain("customer");
        assertThat(session.get("/api/v1/suppliers/" + supplier + "/segments").body())
                .doesNotContain("\"customers\"")
                .contains("\"fewerThan\":10");
        assertThat(session.get("/api/v1/suppliers").body()).contains(ours).doesNotContain(theirs);

        // another supplier, another brand: not found
        assertThat(session.get("/suppliers/" + other).statusCode()).isEqualTo(404);
        assertThat(session.get("/suppliers/" + supplier + "/sell-through?brand=" + theirs.replace(" ", "+"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(session.get("/api/v1/suppliers/" + other).statusCode()).isEqualTo(404);
        assertThat(session.get("/api/v1/suppliers/" + other + "/promotions").statusCode())
                .isEqualTo(404);
        assertThat(session.get("/api/v1/suppliers/" + supplier + "/sell-through?brand=" + theirs.replace(" ", "+"))
                        .statusCode())
                .isEqualTo(404);
        // personal data, the business's other pages and the managers' writes: refused
        for (String path : List.of(
                "/",
                "/customers",
                "/customers/1",
                "/segments",
                "/segments/" + tiny.id(),
                "/loyalty/members",
                "/sales",
                "/insight",
                "/campaigns",
                "/api/v1/customers",
                "/api/v1/customers/1",
                "/api/v1/segments/" + tiny.id() + "/export",
                "/api/v1/segments/" + tiny.id(),
                "/api/v1/dashboard",
                "/api/v1/loyalty/rules")) {
            assertThat(session.get(path).statusCode()).as(path).isIn(403, 404);
        }
        String csrf = page.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        HttpResponse<String> write = session.send(
                HttpRequest.newBuilder(URI.create(url("/api/v1/suppliers/" + supplier + "/settlements/recompute")))
                        .header("X-CSRF-TOKEN", csrf)
                        .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(write.statusCode()).isEqualTo(403);
    }

    @Test
    void badPromotionsAreRefusedWithTheFieldNamedAndNothingStored() throws Exception {
        String valid = """
                {"name": "Half price %s", "kind": "LOYALTY_BONUS", "brands": ["%s"], "multiplier": 2,
                 "startsOn": "%s", "endsOn": "%s", "supplierPercent": %s, "capPerPeriod": %s}""";
        String from = month.toString();
        String to = month.plusDays(3).toString();
        assertRefused(valid.formatted(suffix, ours, from, to, "100.5", "null"), "supplierPercent");
        assertRefused(valid.formatted(suffix, ours, from, to, "-1", "null"), "supplierPercent");
        assertRefused(valid.formatted(suffix, ours, from, to, "50", "-10"), "capPerPeriod");
        assertRefused(valid.formatted("a\\u0000b", ours, from, to, "50", "null"), "name");
        assertRefused(valid.formatted(suffix, theirs, from, to, "50", "null"), "brands");
        assertRefused(valid.formatted(suffix, ours, to, from, "50", "null"), "endsOn");
        assertRefused(
                valid.formatted(suffix, ours, from, to, "50", "null").replace("\"multiplier\": 2", "\"multiplier\": 1"),
                "multiplier");
        assertRefused(
                valid.formatted(suffix, ours, from, to, "50", "null").replace("LOYALTY_BONUS", "COUPON"),
                "campaignStepId");
        assertThat(promotions.of(supplier)).isEmpty();
        assertThat(jdbc.sql("select count(*) from loyalty_rule where match = :brand")
                        .param("brand", ours)
                        .query(Long.class)
                        .single())
                .isZero();

        // a valid one is stored once, and the same request again answers it
        String body = valid.formatted(suffix, ours, from, to, "50", "100");
        HttpResponse<String> created = api(token, "POST", "/api/v1/suppliers/" + supplier + "/promotions", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(api(token, "POST", "/api/v1/suppliers/" + supplier + "/promotions", body)
                        .statusCode())
                .isEqualTo(201);
        assertThat(promotions.of(supplier)).hasSize(1);
        // a bonus on a brand already under a rule on those days: the days named, nothing more stored
        assertRefused(valid.formatted(suffix + " again", ours, to, to, "50", "null"), "startsOn");
        assertThat(promotions.of(supplier)).hasSize(1);
        // a brand of another supplier cannot be taken
        HttpResponse<String> taken = api(
                token,
                "POST",
                "/api/v1/suppliers",
                "{\"name\": \"Copycat " + suffix + "\", \"brands\": [\"" + theirs + "\"]}");
        assertThat(taken.statusCode()).isEqualTo(400);
        assertThat(taken.body()).contains("brands");
    }

    private void assertRefused(String body, String field) throws Exception {
        HttpResponse<String> response = api(token, "POST", "/api/v1/suppliers/" + supplier + "/promotions", body);
        assertThat(response.statusCode()).as(body + " " + response.body()).isEqualTo(400);
        assertThat(response.body()).as(body).contains("\"" + field + "\"");
    }

    private static Settlements.Settlement only(List<Settlements.Settlement> rows) {
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private void product(String sku, String brand, String price) {
        jdbc.sql("""
                        insert into product (sku, name, brand, model, category, price, cost)
                        values (:sku, :sku, :brand, 'M1', 'Test gadgets', :price, 1)""")
                .param("sku", sku)
                .param("brand", brand)
                .param("price", new BigDecimal(price))
                .update();
    }

    private String line(int no, String prefix, int quantity, String unitPrice) {
        return "{\"lineNo\": %d, \"sku\": \"%s-%s\", \"quantity\": %d, \"unitPrice\": %s}"
                .formatted(no, prefix, suffix, quantity, unitPrice);
    }

    /** The line with a discount and a coupon code. */
    private static String coupon(String line, String discount, String code) {
        return line.replace("}", ", \"discount\": " + discount + ", \"couponCode\": \"" + code + "\"}");
    }

    /** A receipt at noon of the month's {@code day} in the first store. */
    private String receipt(String id, String kind, int day, String card, String... lines) {
        String store = jdbc.sql("select code from store order by code limit 1")
                .query(String.class)
                .single();
        String soldAt = month.plusDays(day - 1L)
                .atTime(12, 0, 1)
                .toInstant(ZoneOffset.UTC)
                .toString();
        return """
                {"receiptId": "%s-%s", "kind": "%s", "storeCode": "%s", "soldAt": "%s"%s, "lines": [%s]}""".formatted(
                        id,
                        suffix,
                        kind,
                        store,
                        soldAt,
                        card == null ? "" : ", \"cardNumber\": \"" + card + "\"",
                        String.join(", ", lines));
    }

    private void post(String receipt) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url("/api/v1/sales")))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"source\": \"SUPPLIER-TEST\", \"receipts\": [" + receipt + "]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).as(receipt).contains("\"imported\":1");
    }

    private long earned(String receipt) {
        return jdbc.sql("""
                        select coalesce(sum(e.points), 0) from loyalty_movement m
                        join loyalty_entry e on e.movement_id = m.id and e.account_id >= 100
                        join sale s on s.id = m.sale_id
                        where s.receipt_id = :receipt and m.cause = 'EARN'""")
                .param("receipt", receipt + "-" + suffix)
                .query(Long.class)
                .single();
    }
}
