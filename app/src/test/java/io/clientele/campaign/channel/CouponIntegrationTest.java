package io.clientele.campaign.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.StepFrozen;
import io.clientele.campaign.material.Materials;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import io.clientele.ingest.ImportJob;
import io.clientele.ingest.ImportKind;
import io.clientele.ingest.Imports;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Personal codes issued at freezing, and redemptions found on imported receipts or reported by a POS, once each. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CouponIntegrationTest extends ApplicationTestSupport {
    private static final AtomicInteger FILES = new AtomicInteger();

    @Autowired
    Materials materials;

    @Autowired
    Imports imports;

    @Autowired
    CouponRedemptions redemptions;

    @Autowired
    ApiTokens tokens;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    @TempDir
    Path temp;

    private CampaignFixtures fixtures;
    private String store;
    private String sku;

    @BeforeAll
    void setUp() {
        fixtures = new CampaignFixtures(jdbc, materials);
        store = jdbc.sql("select code from store order by id limit 1")
                .query(String.class)
                .single();
        sku = jdbc.sql("select sku from product order by id limit 1")
                .query(String.class)
                .single();
    }

    /** A frozen coupon step of a running campaign whose customers got their codes through the StepFrozen event. */
    private long issuedStep(List<Long> customers) {
        long campaign = fixtures.runningCampaign("Coupons " + UUID.randomUUID());
        long step = fixtures.frozenStep(campaign, StepChannel.COUPON, null, null);
        fixtures.treated(step, customers);
        new TransactionTemplate(transactions)
                .executeWithoutResult(s -> events.publishEvent(new StepFrozen(campaign, step, StepChannel.COUPON)));
        return step;
    }

    private String code(long step, long customer) {
        return jdbc.sql("select coupon_code from campaign_member where step_id = :s and customer_id = :c")
                .param("s", step)
                .param("c", customer)
                .query(String.class)
                .single();
    }

    private String card(long customer) {
        return jdbc.sql("select card_number from customer where id = :id")
                .param("id", customer)
                .query(String.class)
                .single();
    }

    private List<Long> cardHolders(int count, int skip) {
        return jdbc.sql("select id from customer where card_number is not null order by id offset :skip limit :count")
                .param("skip", skip)
                .param("count", count)
                .query(Long.class)
                .list();
    }

    private ImportJob importSales(String source, String csv) throws Exception {
        Path file = Files.writeString(
                temp.resolve("sales-" + FILES.incrementAndGet() + ".csv"), csv, StandardCharsets.UTF_8);
        ImportJob job =
                imports.prepare(ImportKind.SALES, file, source, null, "test").job();
        return imports.run(job, progress -> {});
    }

    /** Runs the matcher until it has read every receipt (the server's own run may hold it for a moment). */
    private void matchAll() throws InterruptedException {
        long last = jdbc.sql("select coalesce(max(id), 0) from sale")
                .query(Long.class)
                .single();
        for (int i = 0; i < 100; i++) {
            redemptions.matchNew(Duration.ZERO);
            long watermark = jdbc.sql("select sale_id from coupon_match")
                    .query(Long.class)
                    .single();
            if (watermark >= last) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the coupon matcher did not reach sale " + last);
    }

    private List<Map<String, Object>> redemptions(long step) {
        return jdbc.sql("""
                        select customer_id, amount, detail, dedupe_key from campaign_response
                        where step_id = :s and kind = 'REDEEMED' order by id""").param("s", step).query().listOfRows();
    }

    @Test
    void everyTreatedMemberGetsAUniqueWellFormedCodeAndCountsAsContacted() {
        List<Long> customers = cardHolders(300, 0);
        long step = issuedStep(customers);
        List<String> codes = jdbc.sql("select coupon_code from campaign_member where step_id = :s")
                .param("s", step)
                .query(String.class)
                .list();
        assertThat(codes).hasSize(300).doesNotContainNull();
        assertThat(new HashSet<>(codes)).hasSize(300);
        assertThat(codes).allSatisfy(code -> {
            assertThat(code).matches("FX[2-9A-HJ-NP-Z]{9}");
            assertThat(CouponCodes.wellFormed(code)).isTrue();
        });
        assertThat(jdbc.sql("select count(*) from campaign_member where step_id = :s and send_status = 'SENT'")
                        .param("s", step)
                        .query(Long.class)
                        .single())
                .isEqualTo(300);
        assertThat(jdbc.sql("""
                                select count(*) from interaction
                                where kind = 'CAMPAIGN_CONTACTED' and (details ->> 'stepId')::bigint = :s""").param("s", step).query(Long.class).single()).isEqualTo(300);
    }

    @Test
    void anImportedReceiptWithTheCodeRedeemsItOnceWithTheReceiptsAmountAlsoWhenImportedTwice() throws Exception {
        List<Long> customers = cardHolders(3, 400);
        long step = issuedStep(customers);
        long owner = customers.get(0);
        String code = code(step, owner);
        String soldAt = TEST_NOW.minus(1, ChronoUnit.DAYS).toString();
        String source = "CPN-" + FILES.incrementAndGet();
        String csv = "receipt_id,store_code,sold_at,card_number,sku,quantity,unit_price,coupon_code\n"
                + "R1,%1$s,%2$s,%3$s,%4$s,2,10.00,%5$s\n".formatted(store, soldAt, card(owner), sku, code)
                + "R1,%1$s,%2$s,%3$s,%4$s,1,5.50,\n".formatted(store, soldAt, card(owner), sku)
                // unknown and malformed codes, and the code again on a later receipt of someone else
                + "R2,%1$s,%2$s,,%3$s,1,4.00,FXZZZZZZZZZ\n".formatted(store, soldAt, sku)
                + "R3,%1$s,%2$s,%3$s,%4$s,1,3.00,%5$s\n"
                        .formatted(store, TEST_NOW.minus(1, ChronoUnit.HOURS), card(customers.get(1)), sku, code);
        ImportJob first = importSales(source, csv);
        assertThat(first.status()).isEqualTo(ImportJob.Status.COMPLETED);
        matchAll();
        List<Map<String, Object>> recorded = redemptions(step);
        assertThat(recorded).hasSize(1);
        assertThat(recorded.getFirst())
                .containsEntry("customer_id", owner)
                .containsEntry("detail", source + ":R1")
                .containsEntry("dedupe_key", source + ":R1");
        assertThat((BigDecimal) recorded.getFirst().get("amount")).isEqualByComparingTo("25.50");
        assertThat(jdbc.sql("""
                                select count(*) from interaction
                                where customer_id = :c and kind = 'CAMPAIGN_RESPONSE'
                                  and details ->> 'response' = 'REDEEMED'""").param("c", owner).query(Long.class).single()).isOne();

        // the same receipts again, from another file of the same source: nothing new
        ImportJob second = importSales(source, csv + "\n");
        assertThat(second.status()).isEqualTo(ImportJob.Status.COMPLETED);
        matchAll();
        assertThat(redemptions(step)).hasSize(1);
    }

    @Test
    void aCodeOnAnotherCustomersOrAnAnonymousReceiptCountsForItsOwnerAndSaysSo() throws Exception {
        List<Long> customers = cardHolders(2, 500);
        long step = issuedStep(customers);
        String source = "CPN-" + FILES.incrementAndGet();
        String soldAt = TEST_NOW.minus(2, ChronoUnit.HOURS).toString();
        importSales(
                source,
                "receipt_id,store_code,sold_at,card_number,sku,quantity,unit_price,coupon_code\n"
                        + "X1,%1$s,%2$s,%3$s,%4$s,1,7.00,%5$s\n"
                                .formatted(store, soldAt, card(customers.get(1)), sku, code(step, customers.get(0)))
                        + "X2,%1$s,%2$s,,%3$s,1,9.00,%4$s\n"
                                .formatted(
                                        store,
                                        soldAt,
                                        sku,
                                        code(step, customers.get(1)).toLowerCase()));
        matchAll();
        assertThat(redemptions(step))
                .extracting(row -> row.get("customer_id") + " " + row.get("detail"))
                .containsExactly(
                        customers.get(0) + " " + source + ":X1 (customer " + customers.get(1) + ")",
                        customers.get(1) + " " + source + ":X2");
    }

    @Test
    void anExpiredCodeOrACampaignNoLongerRunningRecordsNothing() throws Exception {
        List<Long> customers = cardHolders(2, 600);
        long step = issuedStep(customers);
        jdbc.sql("update campaign_step set coupon_valid_until = :d where id = :s")
                .param(
                        "d",
                        java.sql.Date.valueOf(TEST_NOW.atZone(java.time.ZoneOffset.UTC)
                                .toLocalDate()
                                .minusDays(3)))
                .param("s", step)
                .update();
        String source = "CPN-" + FILES.incrementAndGet();
        importSales(
                source,
                "receipt_id,store_code,sold_at,card_number,sku,quantity,unit_price,coupon_code\n"
                        + "E1,%1$s,%2$s,%3$s,%4$s,1,7.00,%5$s\n"
                                .formatted(
                                        store,
                                        TEST_NOW.minus(1, ChronoUnit.DAYS),
                                        card(customers.get(0)),
                                        sku,
                                        code(step, customers.get(0))));
        matchAll();
        assertThat(redemptions(step)).isEmpty();
    }

    @Test
    void aPosReportsARedemptionOnceByReceipt() throws Exception {
        List<Long> customers = cardHolders(1, 700);
        long step = issuedStep(customers);
        String code = code(step, customers.getFirst());
        String pos =
                tokens.issue("coupons-pos", Role.STORE_MANAGER.scopes(), "test").secret();
        String marketer =
                tokens.issue("coupons-marketer", Role.MARKETER.scopes(), "test").secret();
        String body = "{\"source\": \"TILL\", \"receiptId\": \"T-9\", \"amount\": 42.10}";
        var first = api(pos, "POST", "/api/v1/coupons/" + code + "/redeem", body);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"repeated\":false");
        var again = api(pos, "POST", "/api/v1/coupons/" + code + "/redeem", body);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"repeated\":true");
        assertThat(api(pos, "POST", "/api/v1/coupons/" + code + "/redeem", body.replace("T-9", "T-10"))
                        .statusCode())
                .isEqualTo(409);
        assertThat(redemptions(step)).hasSize(1);
        assertThat((BigDecimal) redemptions(step).getFirst().get("amount")).isEqualByComparingTo("42.10");
        assertThat(api(pos, "POST", "/api/v1/coupons/FXABC/redeem", body).statusCode())
                .isEqualTo(400);
        String unknown = new CouponCodes().next("QQ");
        assertThat(api(pos, "POST", "/api/v1/coupons/" + unknown + "/redeem", body)
                        .statusCode())
                .isEqualTo(404);
        assertThat(api(marketer, "POST", "/api/v1/coupons/" + code + "/redeem", body)
                        .statusCode())
                .isEqualTo(403);

        var export = api(
                marketer,
                "GET",
                "/api/v1/campaigns/"
                        + jdbc.sql("select campaign_id from campaign_step where id = :s")
                                .param("s", step)
                                .query(Long.class)
                                .single()
                        + "/steps/" + step + "/coupons.csv",
                null);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body()).contains(code).contains("TILL:T-9");

        // the customer's codes: on the API and on the customer page
        var mine = api(pos, "GET", "/api/v1/customers/" + customers.getFirst() + "/coupons", null);
        assertThat(mine.body()).contains("\"code\":\"" + code + "\"").contains("\"open\":false");
        var till = session();
        till.signIn("store", "demo");
        inTheStoreManagersScope(customers.getFirst());
        assertThat(till.get("/customers/" + customers.getFirst() + "/coupons").body())
                .contains("data-code=\"" + code + "\"");
    }

    @Test
    void aCustomerPageListsOpenCodes() throws Exception {
        List<Long> customers = cardHolders(1, 800);
        long step = issuedStep(customers);
        inTheStoreManagersScope(customers.getFirst());
        var till = session();
        till.signIn("store", "demo");
        String fragment =
                till.get("/customers/" + customers.getFirst() + "/coupons").body();
        assertThat(fragment)
                .contains("data-code=\"" + code(step, customers.getFirst()) + "\"")
                .contains("Open");
        assertThat(till.get("/customers/" + cardHolders(1, 900).getFirst() + "/coupons")
                        .body())
                .doesNotContain("customer-coupons");
    }

    /** The demo's store manager sees the customers of their store and those they own: this one they own. */
    private void inTheStoreManagersScope(long customer) {
        jdbc.sql("update customer set owner_username = 'store' where id = :id")
                .param("id", customer)
                .update();
    }
}
