package io.clientele.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.ApplicationTestSupport;
import io.clientele.ingest.ImportJob;
import io.clientele.ingest.ImportKind;
import io.clientele.ingest.Imports;
import io.clientele.ingest.PosReceipts;
import io.clientele.ingest.PosSales;
import io.clientele.platform.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Points from receipts, as ingest stores them: the demo's receipts earned exactly what an independent computation
 * from the rules gives, a retried import earns nothing more, a return takes back what its receipt earned, reward and
 * discount lines earn nothing, and points cannot pay on the receipt that earned them unless the programme allows it.
 */
class ReceiptEarningIntegrationTest extends ApplicationTestSupport {
    private static final JsonMapper JSON =
            JsonMapper.builder().findAndAddModules().build();

    @Autowired
    Imports imports;

    @Autowired
    PosSales sales;

    @Autowired
    LoyaltyCards cards;

    @Autowired
    PointsLedger ledger;

    @Autowired
    Redemptions redemptions;

    @Autowired
    ReceiptEarning earning;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactionManager;

    @TempDir
    Path temp;

    /** A rule as the test reads it, to apply it without the SQL under test. */
    private record Rule(String kind, @Nullable String match, BigDecimal multiplier, LocalDate from, LocalDate to) {
        boolean inForce(LocalDate day) {
            return !day.isBefore(from) && !day.isAfter(to);
        }
    }

    private record DemoLine(
            long saleId,
            String kind,
            Instant soldAt,
            BigDecimal amount,
            @Nullable String coupon,
            String sku,
            String brand,
            String category) {}

    @Test
    void theDemosReceiptsEarnedExactlyWhatTheRulesGive() {
        Programme programme = ledger.programme();
        List<Rule> rules = jdbc.sql("select kind, match, multiplier, valid_from, valid_to from loyalty_rule")
                .query((rs, n) -> new Rule(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getBigDecimal(3),
                        rs.getObject(4, LocalDate.class) == null ? LocalDate.MIN : rs.getObject(4, LocalDate.class),
                        rs.getObject(5, LocalDate.class) == null ? LocalDate.MAX : rs.getObject(5, LocalDate.class)))
                .list();
        assertThat(rules).extracting(Rule::kind).contains("CATEGORY", "BRAND", "PRODUCT", "CAMPAIGN");
        List<DemoLine> lines = jdbc.sql("""
                        select s.id, s.kind, s.sold_at, l.amount, l.coupon_code, p.sku, p.brand, p.category
                        from sale s join sale_line l on l.sale_id = s.id join product p on p.id = l.product_id
                        where s.source = 'POS' and s.receipt_id ~ '^R[0-9]{10}$' and s.kind = 'SALE'
                          and exists (select 1 from loyalty_card k where k.card_number = s.card_number)""")
                .query((rs, n) -> new DemoLine(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getBigDecimal(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8)))
                .list();
        Map<Long, BigDecimal> raw = new HashMap<>();
        for (DemoLine line : lines) {
            raw.putIfAbsent(line.saleId(), BigDecimal.ZERO);
            boolean reward = line.coupon() != null && line.coupon().startsWith(programme.rewardCodePrefix());
            if (line.amount().signum() <= 0 || reward) {
                continue;
            }
            LocalDate day = line.soldAt().atZone(ZoneOffset.UTC).toLocalDate();
            BigDecimal multiplier = first(rules, "PRODUCT", line.sku(), day);
            if (multiplier == null) {
                multiplier = first(rules, "BRAND", line.brand(), day);
            }
            if (multiplier == null) {
                multiplier = first(rules, "CATEGORY", line.category(), day);
            }
            BigDecimal campaign = first(rules, "CAMPAIGN", null, day);
            BigDecimal points = line.amount()
                    .multiply(programme.pointsPerUnit())
                    .multiply(multiplier == null ? BigDecimal.ONE : multiplier)
                    .multiply(campaign == null ? BigDecimal.ONE : campaign);
            raw.merge(line.saleId(), points, BigDecimal::add);
        }
        // the multiplier of the tier each receipt earned at, kept with it (which tier that was is checked below)
        Map<Long, BigDecimal> tierMultipliers = new HashMap<>();
        jdbc.sql("select sale_id, multiplier from loyalty_qualification")
                .query((rs, n) -> tierMultipliers.put(rs.getLong(1), rs.getBigDecimal(2)))
                .list();
        Map<Long, Long> expected = new HashMap<>();
        raw.forEach((sale, points) -> {
            long whole = points.multiply(tierMultipliers.getOrDefault(sale, BigDecimal.ONE))
                    .setScale(0, RoundingMode.FLOOR)
                    .longValueExact();
            if (programme.receiptCap() != null) {
                whole = Math.min(whole, programme.receiptCap());
            }
            if (whole > 0) {
                expected.put(sale, whole);
            }
        });
        Map<Long, Long> earned = new HashMap<>();
        jdbc.sql("""
                        select m.sale_id, e.points from loyalty_movement m
                        join loyalty_entry e on e.movement_id = m.id and e.lot_id is not null
                        join sale s on s.id = m.sale_id
                        where m.cause = 'EARN' and s.source = 'POS' and s.receipt_id ~ '^R[0-9]{10}$'""").query((rs, n) -> earned.put(rs.getLong(1), rs.getLong(2))).list();
        assertThat(expected).hasSizeGreaterThan(1000);
        assertThat(earned).isEqualTo(expected);
        assertThat(jdbc.sql("""
                        select count(*) from loyalty_movement m join sale s on s.id = m.sale_id
                        where m.cause = 'EARN' and s.receipt_id ~ '^R[0-9]{10}$'
                          and m.expires_at <> (date_trunc('month', s.sold_at at time zone 'UTC')
                                               + make_interval(months => :months + 1)) at time zone 'UTC'""")
                        .param("months", programme.expiryMonths())
                        .query(Long.class)
                        .single())
                .as("every lot expires at the end of the month expiry_months after it was earned")
                .isZero();
        assertThat(tierMultipliers.values())
                .as("the demo's members reach tiers")
                .anyMatch(m -> m.compareTo(BigDecimal.ONE) > 0);
        // the demo reviews its tiers after its receipts are stored: each earned at the tier that the upgrades by
        // earlier receipts of its member had reached (the last one strictly before it), at that tier's multiplier
        assertThat(jdbc.sql("""
                        select count(*) from loyalty_qualification q join sale s on s.id = q.sale_id
                        left join loyalty_tier t on t.id = q.tier_id
                        where s.receipt_id ~ '^R[0-9]{10}$'
                          and (q.tier_id is distinct from (
                                   select c.to_tier_id from loyalty_tier_change c
                                   where c.account_id = q.account_id and c.reason = 'RECEIPT' and c.at < q.at
                                   order by c.at desc, c.id desc limit 1)
                               or q.multiplier <> coalesce(t.multiplier, 1))""").query(Long.class).single()).isZero();
    }

    private static @Nullable BigDecimal first(List<Rule> rules, String kind, @Nullable String match, LocalDate day) {
        return rules.stream()
                .filter(r -> r.kind().equals(kind) && java.util.Objects.equals(r.match(), match) && r.inForce(day))
                .map(Rule::multiplier)
                .findFirst()
                .orElse(null);
    }

    @Test
    void aRetriedImportEarnsNothingMore() throws Exception {
        String card = newCard();
        String source = "LOY-" + UUID.randomUUID();
        String csv = "receipt_id,kind,store_code,sold_at,card_number,sku,quantity,unit_price\n"
                + "A1,SALE," + store() + ",2026-03-01T10:00:00Z," + card + "," + sku() + ",2,40.00\n"
                + "A2,SALE," + store() + ",2026-03-02T10:00:00Z," + card + "," + sku() + ",1,15.50\n";
        Path file = Files.writeString(temp.resolve("sales.csv"), csv, StandardCharsets.UTF_8);
        ImportJob first = imports.run(
                imports.prepare(ImportKind.SALES, file, source, null, "test").job(), job -> {});
        assertThat(first.imported()).isEqualTo(2);
        long balance = balance(card);
        assertThat(balance).isEqualTo(95);

        Path again = Files.writeString(temp.resolve("sales-again.csv"), csv + "\n", StandardCharsets.UTF_8);
        ImportJob second = imports.run(
                imports.prepare(ImportKind.SALES, again, source, null, "test").job(), job -> {});
        assertThat(second.unchanged()).isEqualTo(2);
        assertThat(balance(card)).isEqualTo(balance);

        // told again, as a bulk load tells the receipts it finds stored: nothing more either
        long[] ids = jdbc
                .sql("select id from sale where source = :source order by id")
                .param("source", source)
                .query(Long.class)
                .list()
                .stream()
                .mapToLong(Long::longValue)
                .toArray();
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            try {
                earning.receiptsStored(DataSourceUtils.getConnection(dataSource), ids);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(balance(card)).isEqualTo(balance);
        assertThat(jdbc.sql("select count(*) from loyalty_movement m join sale s on s.id = m.sale_id "
                                + "where s.source = :source")
                        .param("source", source)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        // the chunk's system side: one leg for the month of both receipts, on the movement both name
        assertThat(jdbc.sql("""
                        select b.account_id, b.points from loyalty_entry b
                        where b.movement_id = (select distinct m.balanced_by from loyalty_movement m
                                               join sale s on s.id = m.sale_id where s.source = :source)""")
                        .param("source", source)
                        .query((rs, n) -> rs.getLong(1) + ":" + rs.getLong(2))
                        .list())
                .containsExactly(Postings.ISSUED + ":-95");
    }

    @Test
    void aReturnTakesBackWhatItsReceiptEarned() throws Exception {
        String card = newCard();
        post(receipt("S1", "SALE", card, line(2, "30.00", null), line(1, "19.99", null)));
        assertThat(balance(card)).isEqualTo(79);
        post(receipt("S2", "RETURN", card, line(-2, "30.00", null), line(-1, "19.99", null)));
        assertThat(balance(card)).isZero();
        assertThat(ledger.statement(cards.get(card).accountId(), 10, 0))
                .extracting(PointsLedger.Line::cause, PointsLedger.Line::points)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("RETURN", -79L),
                        org.assertj.core.groups.Tuple.tuple("EARN", 79L));
    }

    @Test
    void rewardAndDiscountLinesEarnNothing() throws Exception {
        String card = newCard();
        post(receipt(
                "S1",
                "SALE",
                card,
                line(1, "100.00", null),
                line(1, "50.00", ledger.programme().rewardCodePrefix() + "12345"),
                line(-1, "20.00", null)));
        assertThat(balance(card)).isEqualTo(100);
    }

    @Test
    void pointsCannotPayOnTheReceiptThatEarnsThemUnlessTheProgrammeSaysSo() throws Exception {
        String card = newCard();
        String source = post(receipt("S1", "SALE", card, line(1, "80.00", null)));
        assertThat(balance(card)).isEqualTo(80);
        byte[] body = "{}".getBytes();
        assertThatThrownBy(() -> redemptions.reserve(
                        UUID.randomUUID().toString(), body, new Redemptions.Reserve(card, 50L, source, "S1")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("points");
        assertThat(jdbc.sql("select count(*) from loyalty_hold where card_number = :card")
                        .param("card", card)
                        .query(Long.class)
                        .single())
                .isZero();
        jdbc.sql("update loyalty_programme set redeem_on_earning_receipt = true")
                .update();
        try {
            assertThat(redemptions
                            .reserve(
                                    UUID.randomUUID().toString(),
                                    body,
                                    new Redemptions.Reserve(card, 50L, source, "S1"))
                            .points())
                    .isEqualTo(50);
        } finally {
            jdbc.sql("update loyalty_programme set redeem_on_earning_receipt = false")
                    .update();
        }
    }

    private String newCard() {
        return cards.issue("RE" + UUID.randomUUID().toString().substring(0, 12), null)
                .cardNumber();
    }

    private long balance(String card) {
        return ledger.account(cards.get(card).accountId()).balance();
    }

    private String store() {
        return jdbc.sql("select code from store order by id limit 1")
                .query(String.class)
                .single();
    }

    private String sku() {
        // a product no rule multiplies, so that the points are the amount
        return jdbc.sql("""
                        select sku from product p
                        where not exists (select 1 from loyalty_rule r
                                          where r.match in (p.sku, p.brand, p.category))
                        order by id limit 1""").query(String.class).single();
    }

    private PosReceipts.Line line(int quantity, String price, @Nullable String coupon) {
        return new PosReceipts.Line(null, sku(), quantity, new BigDecimal(price), null, coupon);
    }

    private PosReceipts.Receipt receipt(String id, String kind, String card, PosReceipts.Line... lines) {
        // a day no campaign rule covers
        return new PosReceipts.Receipt(
                id, kind, store(), null, Instant.parse("2025-01-15T10:00:00Z"), card, List.of(lines));
    }

    /** Posts one receipt under a source of its own; answers the source. */
    private String post(PosReceipts.Receipt receipt) throws Exception {
        String source = "LOY-" + UUID.randomUUID();
        var request = new PosReceipts(source, List.of(receipt));
        var outcome = sales.record(
                UUID.randomUUID().toString(),
                JSON.writeValueAsString(request).getBytes(StandardCharsets.UTF_8),
                request);
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        PosSales.Outcome.Answered.class,
                        answered -> assertThat(answered.result().imported())
                                .as(answered.result().toString())
                                .isEqualTo(1));
        return source;
    }
}
