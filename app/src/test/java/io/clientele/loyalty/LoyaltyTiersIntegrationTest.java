package io.clientele.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.TestClock;
import io.clientele.identity.ApiScope;
import io.clientele.identity.ApiTokens;
import io.clientele.ingest.PosReceipts;
import io.clientele.ingest.PosSales;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tiers against the demo's (Silver from 500 points ×1.1, Gold from 1,500 ×1.25, Platinum from 4,000 ×1.5, over the
 * last twelve months, reviewed monthly): a receipt that puts a member over a threshold upgrades them on its own
 * transaction and the next receipt earns at the new multiplier (the pushing one at the old), within one batch too;
 * a member who no longer qualifies keeps the tier until the review at the period's end, which runs once; bad tiers
 * are refused naming the field, storing nothing.
 */
class LoyaltyTiersIntegrationTest extends ApplicationTestSupport {
    private static final JsonMapper JSON =
            JsonMapper.builder().findAndAddModules().build();

    @Autowired
    PosSales sales;

    @Autowired
    LoyaltyCards cards;

    @Autowired
    PointsLedger ledger;

    @Autowired
    LoyaltyTiers tiers;

    @Autowired
    TierReviews reviews;

    @Autowired
    TestClock clock;

    @Autowired
    ApiTokens tokens;

    private String token;

    @BeforeEach
    void setUp() {
        token = tokens.issue(
                        "tiers test",
                        EnumSet.of(ApiScope.LOYALTY_READ, ApiScope.LOYALTY_WRITE, ApiScope.LOYALTY_MANAGE),
                        "test")
                .secret();
    }

    @Test
    void aReceiptOverTheThresholdUpgradesAtOnceAndTheNextReceiptEarnsTheNewMultiplier() throws Exception {
        long customer = newCustomer();
        String card = cards.issue("TIER" + UUID.randomUUID().toString().substring(0, 10), customer)
                .cardNumber();
        Instant day = TEST_NOW.minus(Duration.ofDays(10));
        post(receipt("A", card, day, "400.00"));
        assertThat(tierOf(card)).isNull();
        post(receipt("B", card, day.plus(Duration.ofDays(1)), "200.00"));
        // the pushing receipt earned at the tier held before it: 400 + 200
        assertThat(balance(card)).isEqualTo(600);
        assertThat(tierOf(card)).isEqualTo("Silver");
        post(receipt("C", card, day.plus(Duration.ofDays(2)), "100.00"));
        assertThat(balance(card)).as("100 at Silver's ×1.1").isEqualTo(710);

        LoyaltyTiers.Standing standing = tiers.standing(cards.get(card).accountId());
        assertThat(standing.history()).singleElement().satisfies(change -> {
            assertThat(change.from()).isNull();
            assertThat(change.to()).isEqualTo("Silver");
            assertThat(change.direction()).isEqualTo("UP");
            assertThat(change.reason()).isEqualTo("RECEIPT");
            assertThat(change.receipt()).endsWith("/B");
            assertThat(change.qualification()).isEqualByComparingTo("600");
            assertThat(change.at()).isEqualTo(day.plus(Duration.ofDays(1)));
        });
        assertThat(standing.next().name()).isEqualTo("Gold");
        assertThat(standing.toNext()).isEqualByComparingTo("790");
        assertThat(jdbc.sql("""
                        select summary from interaction where customer_id = :c and kind = 'LOYALTY_TIER_CHANGED'""").param("c", customer).query(String.class).list())
                .containsExactly("— → Silver");
        HttpResponse<String> api = api(token, "GET", "/api/v1/loyalty/cards/" + card + "/tier", null);
        assertThat(api.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(api.body());
        assertThat(body.get("tier").get("name").asString()).isEqualTo("Silver");
        assertThat(body.get("history").get(0).get("direction").asString()).isEqualTo("UP");
    }

    @Test
    void withinOneBatchTheReceiptsAfterAnUpgradeEarnAtTheNewTier() throws Exception {
        String card = cards.issue("TIER" + UUID.randomUUID().toString().substring(0, 10), null)
                .cardNumber();
        Instant day = TEST_NOW.minus(Duration.ofDays(20));
        post(
                receipt("A", card, day, "1000.00"),
                receipt("B", card, day.plus(Duration.ofHours(1)), "600.00"),
                receipt("C", card, day.plus(Duration.ofHours(2)), "100.00"));
        // A: 1,000 (no tier) → Silver; B: 600 × 1.1 = 660 → 1,660: Gold; C: 100 × 1.25 = 125
        assertThat(balance(card)).isEqualTo(1785);
        assertThat(tierOf(card)).isEqualTo("Gold");
        assertThat(tiers.history(cards.get(card).accountId(), 10))
                .extracting(LoyaltyTiers.Change::from, LoyaltyTiers.Change::to)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Silver", "Gold"),
                        org.assertj.core.groups.Tuple.tuple(null, "Silver"));
        assertThat(jdbc.sql("""
                        select q.multiplier from loyalty_qualification q join sale s on s.id = q.sale_id
                        where s.card_number = :card order by s.sold_at""").param("card", card).query(BigDecimal.class).list())
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(BigDecimal.ONE, new BigDecimal("1.1"), new BigDecimal("1.25"));
        assertThat(ledger.programme().tierBasis()).isEqualTo(Programme.TierBasis.POINTS);
    }

    @Test
    void aMemberIsDowngradedOnlyAtThePeriodsEndAndOnce() throws Exception {
        String card = cards.issue("TIER" + UUID.randomUUID().toString().substring(0, 10), null)
                .cardNumber();
        long account = cards.get(card).accountId();
        post(receipt("A", card, TEST_NOW.minus(Duration.ofDays(20)), "600.00"));
        assertThat(tierOf(card)).isEqualTo("Silver");
        // the period that ended on the 1st was reviewed when the demo loaded: nothing happens again
        assertThat(reviews.review().reviewed()).isFalse();
        Instant reviewed = null;
        try {
            // fourteen months on, the receipt has left the window: still Silver until the period ends and is reviewed
            clock.advance(Duration.ofDays(425));
            assertThat(tiers.standing(account).qualification()).isEqualByComparingTo("0");
            assertThat(tierOf(card)).isEqualTo("Silver");
            TierReviews.Result review = reviews.review();
            reviewed = review.periodEnd();
            assertThat(review.reviewed()).isTrue();
            assertThat(review.downgraded()).isPositive();
            assertThat(tierOf(card)).isNull();
            List<LoyaltyTiers.Change> history = tiers.history(account, 10);
            assertThat(history.getFirst().direction()).isEqualTo("DOWN");
            assertThat(history.getFirst().reason()).isEqualTo("REVIEW");
            assertThat(history.getFirst().at()).isEqualTo(review.periodEnd());
            long changes = jdbc.sql("select count(*) from loyalty_tier_change")
                    .query(Long.class)
                    .single();
            TierReviews.Result again = reviews.review();
            assertThat(again.reviewed()).isFalse();
            assertThat(again.periodEnd()).isEqualTo(review.periodEnd());
            assertThat(jdbc.sql("select count(*) from loyalty_tier_change")
                            .query(Long.class)
                            .single())
                    .isEqualTo(changes);
        } finally {
            clock.reset();
            if (reviewed != null) {
                undoReview(reviewed);
            }
        }
    }

    /**
     * The review of a period fourteen months ahead moved nearly every demo member down; the other test classes share
     * this database and its demo tiers, so the review is taken back (as if it had never run).
     */
    private void undoReview(Instant periodEnd) {
        String keys = "review:" + periodEnd.getEpochSecond() + ":%";
        jdbc.sql("""
                        update loyalty_account a set tier_id = c.from_tier_id,
                            tier_since = (select max(p.at) from loyalty_tier_change p
                                          where p.account_id = a.id and p.id <> c.id)
                        from loyalty_tier_change c where c.key like :keys and a.id = c.account_id""").param("keys", keys).update();
        jdbc.sql("delete from interaction where kind = 'LOYALTY_TIER_CHANGED' and occurred_at >= :end")
                .param("end", java.sql.Timestamp.from(periodEnd))
                .update();
        jdbc.sql("delete from loyalty_tier_change where key like :keys")
                .param("keys", keys)
                .update();
        jdbc.sql("delete from loyalty_tier_review where period_end = :end")
                .param("end", java.sql.Timestamp.from(periodEnd))
                .update();
    }

    @Test
    void overlappingTiersAndUnstorableNamesAreRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        long before =
                jdbc.sql("select count(*) from loyalty_tier").query(Long.class).single();
        // rank 4 above Platinum (4,000) with a lower threshold
        HttpResponse<String> overlapping = api(
                token,
                "POST",
                "/api/v1/loyalty/tiers",
                "{\"name\":\"Diamond\",\"rank\":4,\"threshold\":3000,\"multiplier\":2}");
        assertThat(overlapping.statusCode()).isEqualTo(400);
        assertThat(fields(overlapping)).containsExactly("threshold");
        assertThat(overlapping.body()).contains("Platinum");
        HttpResponse<String> rankTaken = api(
                token,
                "POST",
                "/api/v1/loyalty/tiers",
                "{\"name\":\"Bronze\",\"rank\":1,\"threshold\":100,\"multiplier\":1}");
        assertThat(rankTaken.statusCode()).isEqualTo(400);
        assertThat(fields(rankTaken)).contains("rank");
        HttpResponse<String> nul = api(
                token,
                "POST",
                "/api/v1/loyalty/tiers",
                "{\"name\":\"Dia\\u0000mond\",\"rank\":4,\"threshold\":9000,\"multiplier\":2}");
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(nul.body()).contains("name");
        long gold = tiers.all().stream()
                .filter(t -> t.name().equals("Gold"))
                .findFirst()
                .orElseThrow()
                .id();
        HttpResponse<String> edit = api(
                token,
                "PUT",
                "/api/v1/loyalty/tiers/" + gold,
                "{\"name\":\"Gold\",\"rank\":2,\"threshold\":5000,\"multiplier\":1.25}");
        assertThat(edit.statusCode()).isEqualTo(400);
        assertThat(fields(edit)).containsExactly("threshold");
        assertThat(tiers.get(gold).threshold()).isEqualByComparingTo("1500");
        assertThat(jdbc.sql("select count(*) from loyalty_tier")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
        // a tier with members cannot be removed
        assertThat(api(token, "DELETE", "/api/v1/loyalty/tiers/" + gold, null).statusCode())
                .isEqualTo(409);
    }

    private static List<String> fields(HttpResponse<String> response) {
        List<String> fields = new java.util.ArrayList<>();
        for (JsonNode error : JSON.readTree(response.body()).get("errors")) {
            fields.add(error.get("field").asString());
        }
        return fields;
    }

    private long newCustomer() {
        return jdbc.sql(
                        "insert into customer (first_name, last_name, city) values ('Tia', 'Tiers', 'Lindale') returning id")
                .query(Long.class)
                .single();
    }

    private String tierOf(String card) {
        LoyaltyTiers.Tier tier = tiers.standing(cards.get(card).accountId()).tier();
        return tier == null ? null : tier.name();
    }

    private long balance(String card) {
        return ledger.account(cards.get(card).accountId()).balance();
    }

    private String sku() {
        // a product no rule multiplies, so that the points are the amount
        return jdbc.sql("""
                        select sku from product p
                        where not exists (select 1 from loyalty_rule r
                                          where r.match in (p.sku, p.brand, p.category))
                        order by id limit 1""").query(String.class).single();
    }

    private PosReceipts.Receipt receipt(String id, String card, Instant at, String amount) {
        String store = jdbc.sql("select code from store order by id limit 1")
                .query(String.class)
                .single();
        return new PosReceipts.Receipt(
                id,
                "SALE",
                store,
                null,
                at,
                card,
                List.of(new PosReceipts.Line(null, sku(), 1, new BigDecimal(amount), null, null)));
    }

    /** Posts receipts in one request (one batch) under a source of their own. */
    private void post(PosReceipts.Receipt... receipts) throws Exception {
        var request = new PosReceipts("TIER-" + UUID.randomUUID(), List.of(receipts));
        var outcome = sales.record(
                UUID.randomUUID().toString(),
                JSON.writeValueAsString(request).getBytes(StandardCharsets.UTF_8),
                request);
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        PosSales.Outcome.Answered.class,
                        answered -> assertThat(answered.result().imported())
                                .as(answered.result().toString())
                                .isEqualTo(receipts.length));
    }
}
