package io.clientele.campaign.channel;

import io.clientele.campaign.ResponseKind;
import io.clientele.campaign.response.CampaignResponses;
import io.clientele.platform.ConflictException;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Matches the coupon codes on POS receipt lines against the personal codes of coupon steps and records each
 * redemption once (REDEEMED, amount = the receipt's total, detail = its source and id).
 *
 * <p>Receipts come in through file imports, the POS API and the demo loader, so redemptions are found by reading the
 * receipts, not by listening to one of those: a matcher reads the sales stored since its watermark (a sale id). Sale
 * ids are taken from one sequence but committed in any order (an import's chunk and a POS call overlap), so the
 * watermark moves only over ids that are all there: at a gap it waits, since the missing receipts may still be
 * committing, and passes the gap once it has stayed open for {@code clientele.campaign.coupon-gap-seconds} (a
 * rolled-back import leaves gaps for good). Matching is idempotent as well (the receipt is the response's dedupe key
 * and a code redeems once), so reading a receipt twice changes nothing.
 */
@Service
public class CouponRedemptions {
    private static final int BATCH = 50_000;

    /** A redemption the POS reports itself, as it happens. */
    public record Redemption(
            @Nullable String source,
            @Nullable String receiptId,
            @Nullable BigDecimal amount,
            @Nullable Instant at) {}

    /** The outcome of a reported redemption; {@code repeated}: this receipt had redeemed the code before. */
    public record Redeemed(String code, long stepId, long customerId, String receipt, boolean repeated) {}

    private final JdbcClient jdbc;
    private final CampaignResponses responses;
    private final Clock clock;
    private final TransactionTemplate batches;
    private final Duration gapPatience;
    /** Gaps in the sale ids seen open, by their first missing id, and since when (per process). */
    private final ConcurrentHashMap<Long, Instant> openGaps = new ConcurrentHashMap<>();

    CouponRedemptions(
            JdbcClient jdbc,
            CampaignResponses responses,
            Clock clock,
            PlatformTransactionManager transactions,
            @Value("${clientele.campaign.coupon-gap-seconds:600}") long gapSeconds) {
        this.batches = new TransactionTemplate(transactions);
        this.jdbc = jdbc;
        this.responses = responses;
        this.clock = clock;
        this.gapPatience = Duration.ofSeconds(gapSeconds);
    }

    /** Matches the receipts stored since the last run; returns the redemptions recorded. */
    /** Matches the receipts stored since the last run, a batch of sales per transaction; returns the redemptions. */
    public int matchNew() {
        return matchNew(gapPatience);
    }

    int matchNew(Duration patience) {
        int recorded = 0;
        while (true) {
            Batch batch = batches.execute(status -> batch(patience));
            recorded += batch.recorded();
            if (!batch.more()) {
                return recorded;
            }
        }
    }

    private record Batch(int recorded, boolean more) {}

    /** Up to {@link #BATCH} sales after the watermark, unless another node is matching right now. */
    private Batch batch(Duration patience) {
        boolean mine = jdbc.sql("select pg_try_advisory_xact_lock(hashtextextended('coupon_match', 0))")
                .query(Boolean.class)
                .single();
        if (!mine) {
            return new Batch(0, false);
        }
        long watermark = jdbc.sql("select sale_id from coupon_match where id = 1 for update")
                .query(Long.class)
                .single();
        List<Long> ids = jdbc.sql("select id from sale where id > :from order by id limit :batch")
                .param("from", watermark)
                .param("batch", BATCH)
                .query(Long.class)
                .list();
        long until = horizon(watermark, ids, patience);
        if (until == watermark) {
            return new Batch(0, false);
        }
        int recorded = match(watermark, until);
        jdbc.sql("update coupon_match set sale_id = :until, updated_at = now() where id = 1")
                .param("until", until)
                .update();
        return new Batch(recorded, ids.size() == BATCH && until == ids.getLast());
    }

    /** The highest id up to which every id after the watermark is there (or missing for longer than patience). */
    long horizon(long watermark, List<Long> ids, Duration patience) {
        long safe = watermark;
        Instant now = Instant.now();
        for (long id : ids) {
            if (id != safe + 1) {
                Instant since = openGaps.computeIfAbsent(safe + 1, gap -> now);
                if (Duration.between(since, now).compareTo(patience) < 0) {
                    return safe;
                }
                openGaps.remove(safe + 1);
            }
            safe = id;
        }
        return safe;
    }

    /** One pass over the receipt lines of sales in (from, until]. */
    private int match(long from, long until) {
        record Line(
                String code,
                long saleId,
                String receipt,
                @Nullable Long buyer,
                BigDecimal amount,
                Instant at) {}
        List<Line> lines = jdbc.sql("""
                        select m.coupon_code, s.id, s.source || ':' || s.receipt_id as receipt, s.customer_id,
                               s.total_amount, s.sold_at
                        from sale s
                        join sale_line l on l.sale_id = s.id
                        join campaign_member m on m.coupon_code = upper(btrim(l.coupon_code))
                        where s.id > :from and s.id <= :until and l.coupon_code is not null and s.kind = 'SALE'
                        order by s.id, l.line_no""")
                .param("from", from)
                .param("until", until)
                .query((rs, row) -> new Line(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getObject(4, Long.class),
                        rs.getBigDecimal(5),
                        rs.getTimestamp(6).toInstant()))
                .list();
        int recorded = 0;
        Set<String> seen = new HashSet<>();
        for (Line line : lines) {
            String code = line.code();
            if (seen.add(code) && redeem(code, line.receipt(), line.buyer(), line.amount(), line.at())) {
                recorded++;
            }
        }
        return recorded;
    }

    /**
     * Records the redemption of an open code (its campaign running or completed, the receipt within the validity)
     * unless the code was redeemed already. The code's member row is locked, so two receipts cannot both redeem it.
     */
    private boolean redeem(String code, String receipt, @Nullable Long buyer, BigDecimal amount, Instant at) {
        Member member = open(code, at);
        if (member == null || member.redeemedBy() != null) {
            return false;
        }
        return responses.record(new CampaignResponses.Response(
                member.stepId(),
                member.customerId(),
                ResponseKind.REDEEMED,
                at,
                detail(receipt, member.customerId(), buyer),
                amount,
                receipt));
    }

    /**
     * A personal code is usually handed over on paper, so whoever's receipt carries it, it counts for the customer
     * it was issued to; the detail says when the receipt was another known customer's.
     */
    private static String detail(String receipt, long owner, @Nullable Long buyer) {
        return buyer == null || buyer == owner ? receipt : receipt + " (customer " + buyer + ")";
    }

    private record Member(
            long stepId, long customerId, @Nullable String redeemedBy) {}

    /** The member whose code this is, if the code may be redeemed at {@code at}; locked. */
    private @Nullable Member open(String code, Instant at) {
        return jdbc.sql("""
                        select m.step_id, m.customer_id,
                               (select r.dedupe_key from campaign_response r
                                where r.step_id = m.step_id and r.customer_id = m.customer_id and r.kind = 'REDEEMED'
                                order by r.id limit 1) as redeemed_by
                        from campaign_member m
                        join campaign_step s on s.id = m.step_id
                        join campaign c on c.id = s.campaign_id
                        where m.coupon_code = :code and s.channel = 'COUPON' and c.status in ('RUNNING', 'COMPLETED')
                          and m.send_status = 'SENT'
                          and (s.coupon_valid_until is null
                               or (cast(:at as timestamptz) at time zone :zone)::date <= s.coupon_valid_until)
                        for update of m""")
                .param("code", code)
                .param("at", Timestamp.from(at))
                .param("zone", clock.getZone().getId())
                .query((rs, row) -> new Member(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                .optional()
                .orElse(null);
    }

    /**
     * A redemption reported by a POS as it happens; reporting the same receipt again answers the same. A code that
     * does not exist, has expired or belongs to a campaign not running is 404; one redeemed by another receipt, 409.
     */
    @Transactional
    public Redeemed redeem(@Nullable String rawCode, Redemption redemption) {
        List<FieldProblem> problems = new java.util.ArrayList<>();
        String source = redemption.source() == null || redemption.source().isBlank()
                ? "POS"
                : redemption.source().strip();
        if (redemption.receiptId() == null || redemption.receiptId().isBlank()) {
            problems.add(FieldProblem.of("receiptId", "validation.required"));
        } else if (redemption.receiptId().length() > 100) {
            problems.add(FieldProblem.of("receiptId", "validation.length", 100));
        }
        if (source.length() > 40) {
            problems.add(FieldProblem.of("source", "validation.length", 40));
        }
        if (redemption.amount() != null && redemption.amount().signum() < 0) {
            problems.add(FieldProblem.of("amount", "validation.notNegative"));
        }
        if (!CouponCodes.wellFormed(rawCode)) {
            problems.add(FieldProblem.of("code", "coupons.malformed"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String code = rawCode.strip().toUpperCase(Locale.ROOT);
        String receipt = source + ":" + redemption.receiptId().strip();
        Instant at = redemption.at() == null ? clock.instant() : redemption.at();
        Member member = open(code, at);
        if (member == null) {
            throw new NotFoundException("Coupon " + code + " is unknown, expired or not redeemable");
        }
        if (member.redeemedBy() != null) {
            if (member.redeemedBy().equals(receipt)) {
                return new Redeemed(code, member.stepId(), member.customerId(), receipt, true);
            }
            throw new ConflictException("Coupon " + code + " was redeemed by receipt " + member.redeemedBy());
        }
        responses.record(new CampaignResponses.Response(
                member.stepId(),
                member.customerId(),
                ResponseKind.REDEEMED,
                at,
                receipt,
                redemption.amount(),
                receipt));
        return new Redeemed(code, member.stepId(), member.customerId(), receipt, false);
    }
}
