package io.clientele.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.Role;
import io.clientele.identity.UserAccounts;
import io.clientele.ingest.PosReceipts;
import io.clientele.ingest.PosSales;
import io.clientele.platform.ConflictException;
import io.clientele.platform.InvalidInputException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Random interleavings of earning, returns, holds confirmed or cancelled or left to lapse, expiry, adjustments and
 * card replacement from two concurrent writers, with retries of the same idempotency keys: afterwards every balance
 * is non-negative and equals its movements, the ledger is balanced per movement and per month, no idempotency key
 * moved points twice, every confirmed hold burnt exactly once, and nothing was burnt for a hold not confirmed.
 * Seeded, so a failing seed replays.
 */
class LedgerInterleavingsIntegrationTest extends ApplicationTestSupport {
    private static final int MEMBERS = 3;
    private static final int STEPS = 120;
    private static final JsonMapper JSON =
            JsonMapper.builder().findAndAddModules().build();

    @Autowired
    PosSales sales;

    @Autowired
    LoyaltyCards cards;

    @Autowired
    PointsLedger ledger;

    @Autowired
    Redemptions redemptions;

    @Autowired
    LedgerCheck check;

    @Autowired
    UserAccounts users;

    @Test
    void twoWritersInterleavingEveryKindOfMovementLeaveASoundLedger() throws Exception {
        for (long seed : new long[] {7, 20_261_207}) {
            run(seed);
        }
    }

    private void run(long seed) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String approver = "approver-" + run;
        users.create(approver, "Approver", Role.MARKETING_MANAGER, "secret-enough");
        String store = jdbc.sql("select code from store order by id limit 1")
                .query(String.class)
                .single();
        String sku = jdbc.sql("select sku from product where price between 20 and 200 order by id limit 1")
                .query(String.class)
                .single();
        AtomicReferenceArray<String> current = new AtomicReferenceArray<>(MEMBERS);
        List<Long> accounts = new ArrayList<>();
        for (int m = 0; m < MEMBERS; m++) {
            LoyaltyCards.Card card = cards.issue("IL" + run + "M" + m + "C0", null);
            current.set(m, card.cardNumber());
            accounts.add(card.accountId());
        }
        AtomicInteger replacements = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                Random random = new Random(seed * 31 + w);
                String writer = run + "W" + w;
                done.add(writers.submit(() -> {
                    Writer steps = new Writer(random, writer, store, sku, approver, current, replacements);
                    for (int i = 0; i < STEPS; i++) {
                        steps.step(i);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            writers.shutdownNow();
        }

        LedgerCheck.Result result = check.run();
        assertThat(result.problems())
                .as("seed " + seed)
                .allSatisfy((name, count) -> assertThat(count).as(name).isZero());
        for (long account : accounts) {
            PointsLedger.Account member = ledger.account(account);
            assertThat(member.balance()).as("seed " + seed).isNotNegative();
            assertThat(member.balance())
                    .isEqualTo(jdbc.sql("select coalesce(sum(points), 0) from loyalty_entry where account_id = :a")
                            .param("a", account)
                            .query(Long.class)
                            .single());
            assertThat(member.lots()).allSatisfy(lot -> assertThat(lot.points()).isPositive());
        }
        assertThat(jdbc.sql("""
                        select count(*) from (select sale_id from loyalty_movement
                                              where cause in ('EARN', 'RETURN') and sale_id is not null
                                              group by sale_id, cause having count(*) > 1) twice""").query(Long.class).single())
                .as("a receipt earned or took back once")
                .isZero();
        assertThat(jdbc.sql("""
                        select count(*) from loyalty_hold h
                        where h.account_id = any(:accounts)
                          and (h.status = 'CONFIRMED') <> exists (
                              select 1 from loyalty_movement m where m.key = 'redemption:' || h.id)""")
                        .param("accounts", accounts.toArray(Long[]::new))
                        .query(Long.class)
                        .single())
                .as("confirmed holds burnt once, others never")
                .isZero();
        assertThat(jdbc.sql("""
                        select count(*) from loyalty_hold h join loyalty_movement m on m.key = 'redemption:' || h.id
                        where h.account_id = any(:accounts)
                          and (select sum(points) from loyalty_entry e where e.movement_id = m.id and e.account_id = 2)
                              <> h.points""")
                        .param("accounts", accounts.toArray(Long[]::new))
                        .query(Long.class)
                        .single())
                .as("each burn is its hold's points")
                .isZero();
        assertThat(jdbc.sql("""
                        select distinct m.cause from loyalty_movement m join loyalty_entry e on e.movement_id = m.id
                        where e.account_id = any(:accounts)""")
                        .param("accounts", accounts.toArray(Long[]::new))
                        .query(String.class)
                        .list())
                .as("seed " + seed + ": every kind of movement happened")
                .contains("EARN", "RETURN", "REDEMPTION", "EXPIRY", "ADJUSTMENT");
        assertThat(replacements.get()).as("cards were replaced").isPositive();
    }

    /** One writer's random steps; each may be retried with its key. */
    private final class Writer {
        private final Random random;
        private final String name;
        private final String store;
        private final String sku;
        private final String approver;
        private final AtomicReferenceArray<String> current;
        private final AtomicInteger replacements;
        private final List<Long> holds = new ArrayList<>();

        Writer(
                Random random,
                String name,
                String store,
                String sku,
                String approver,
                AtomicReferenceArray<String> current,
                AtomicInteger replacements) {
            this.random = random;
            this.name = name;
            this.store = store;
            this.sku = sku;
            this.approver = approver;
            this.current = current;
            this.replacements = replacements;
        }

        void step(int i) throws Exception {
            int member = random.nextInt(MEMBERS);
            String card = current.get(member);
            String key = name + "-" + i;
            try {
                switch (random.nextInt(9)) {
                    case 0, 1 -> receipt(key, card, 1 + random.nextInt(3), "SALE");
                    case 2 -> receipt(key, card, -1, "RETURN");
                    case 3, 4 -> hold(key, card);
                    case 5 -> settle();
                    case 6 -> ledger.expire(TEST_NOW);
                    case 7 -> adjust(key, card);
                    default -> replace(member, card);
                }
            } catch (InvalidInputException | ConflictException expected) {
                // refused as it should be: too few points, a card replaced meanwhile, a lapsed or settled hold
            }
        }

        private void receipt(String key, String card, int quantity, String kind) throws Exception {
            // up to 30 months back, so that some lots are past their expiry
            var soldAt = TEST_NOW.minus(Duration.ofHours(1 + random.nextInt(30 * 30 * 24)));
            var request = new PosReceipts(
                    "IL-" + name,
                    List.of(new PosReceipts.Receipt(
                            key,
                            kind,
                            store,
                            null,
                            soldAt,
                            card,
                            List.of(new PosReceipts.Line(
                                    1, sku, quantity, new BigDecimal(10 + random.nextInt(90)), null, null)))));
            byte[] body = JSON.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
            sales.record(key, body, request);
            if (random.nextBoolean()) {
                sales.record(key, body, request); // the till retries
            }
        }

        private void hold(String key, String card) {
            long points = 1 + random.nextInt(150);
            var request = new Redemptions.Reserve(card, points, null, null);
            byte[] body = ("{\"cardNumber\":\"" + card + "\",\"points\":" + points + "}").getBytes();
            Redemptions.Hold hold = redemptions.reserve(key, body, request);
            assertThat(redemptions.reserve(key, body, request).id())
                    .as("a retried reserve answers the same hold")
                    .isEqualTo(hold.id());
            byte[] other = ("{\"cardNumber\":\"" + card + "\",\"points\":" + (points + 1) + "}").getBytes();
            try {
                redemptions.reserve(key, other, new Redemptions.Reserve(card, points + 1, null, null));
                throw new AssertionError("a reused key with another amount must be refused");
            } catch (ConflictException expected) {
                // 409
            }
            holds.add(hold.id());
        }

        private void settle() {
            if (holds.isEmpty()) {
                return;
            }
            long hold = holds.remove(random.nextInt(holds.size()));
            switch (random.nextInt(3)) {
                case 0 -> {
                    redemptions.confirm(hold);
                    redemptions.confirm(hold); // the till timed out and confirms again
                }
                case 1 -> {
                    redemptions.cancel(hold);
                    redemptions.cancel(hold);
                }
                default -> {} // left to lapse
            }
        }

        private void adjust(String key, String card) {
            long points = random.nextInt(5) == 0 ? -(1 + random.nextInt(50)) : 1 + random.nextInt(100);
            var adjustment = new PointsLedger.Adjustment(key, card, points, "goodwill " + key, approver);
            long first = ledger.adjust(adjustment);
            assertThat(ledger.adjust(adjustment)).isEqualTo(first);
        }

        private void replace(int member, String card) {
            String next = card.replaceAll("C\\d+$", "C" + replacements.incrementAndGet());
            cards.replace(card, next);
            current.compareAndSet(member, card, next);
        }
    }
}
