package io.clientele.loyalty;

import io.clientele.customer.InteractionKind;
import io.clientele.customer.Timeline;
import io.clientele.platform.ConflictException;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.StorableText;
import io.clientele.platform.db.Rows;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The programme's tiers: ranked, each with the threshold members qualify by (points earned or amount spent over the
 * programme's rolling window) and the multiplier its members earn at. A higher rank needs a higher threshold, so the
 * thresholds never overlap. Members go up at once, with the receipt that puts them over a threshold
 * ({@link ReceiptEarning.TierUpgrades}), and down only at a review at the end of a qualification period ({@link TierReviews}); what
 * a member stands at is {@link #standing}.
 */
@Service
public class LoyaltyTiers {
    private final JdbcClient jdbc;
    private final Clock clock;

    LoyaltyTiers(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Tier(long id, String name, int rank, BigDecimal threshold, BigDecimal multiplier, long members) {}

    public record TierInput(
            @Nullable String name,
            @Nullable Integer rank,
            @Nullable BigDecimal threshold,
            @Nullable BigDecimal multiplier) {}

    private static final String SELECT = """
            select t.id, t.name, t.rank, t.threshold, t.multiplier,
                   (select count(*) from loyalty_account a where a.tier_id = t.id) as members
            from loyalty_tier t""";

    private static Tier tier(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Tier(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getInt("rank"),
                rs.getBigDecimal("threshold"),
                rs.getBigDecimal("multiplier"),
                rs.getLong("members"));
    }

    /** The tiers, lowest rank first. */
    public List<Tier> all() {
        return jdbc.sql(SELECT + " order by t.rank").query(LoyaltyTiers::tier).list();
    }

    public Tier get(long id) {
        return jdbc.sql(SELECT + " where t.id = :id")
                .param("id", id)
                .query(LoyaltyTiers::tier)
                .optional()
                .orElseThrow(() -> new NotFoundException("no tier " + id));
    }

    /** Adds a tier; the same tier again (a retried request) answers the one stored. */
    @Transactional
    public Tier create(TierInput input, String actor) {
        Checked checked = check(input, null);
        for (Tier other : all()) {
            if (other.name().equalsIgnoreCase(checked.name())
                    && other.rank() == checked.rank()
                    && other.threshold().compareTo(checked.threshold()) == 0
                    && other.multiplier().compareTo(checked.multiplier()) == 0) {
                return other;
            }
        }
        refuseClashes(checked, null);
        long id = jdbc.sql("""
                        insert into loyalty_tier (name, rank, threshold, multiplier, created_at, created_by,
                                                  updated_at, updated_by)
                        values (:name, :rank, :threshold, :multiplier, :now, :actor, :now, :actor) returning id""")
                .param("name", checked.name())
                .param("rank", checked.rank())
                .param("threshold", checked.threshold())
                .param("multiplier", checked.multiplier())
                .param("now", Timestamp.from(clock.instant()))
                .param("actor", actor)
                .query(Long.class)
                .single();
        return get(id);
    }

    /**
     * Changes a tier. A new threshold or multiplier applies from now on: members keep their tier until a receipt
     * puts them higher or a review moves them; receipts stored later earn at the new multiplier.
     */
    @Transactional
    public Tier update(long id, TierInput input, String actor) {
        get(id);
        Checked checked = check(input, id);
        refuseClashes(checked, id);
        jdbc.sql("""
                        update loyalty_tier set name = :name, rank = :rank, threshold = :threshold,
                            multiplier = :multiplier, updated_at = :now, updated_by = :actor
                        where id = :id""")
                .param("name", checked.name())
                .param("rank", checked.rank())
                .param("threshold", checked.threshold())
                .param("multiplier", checked.multiplier())
                .param("now", Timestamp.from(clock.instant()))
                .param("actor", actor)
                .param("id", id)
                .update();
        return get(id);
    }

    /** Removes a tier no member holds and no history names; one that was ever used stays (409). */
    @Transactional
    public void delete(long id) {
        lock();
        Tier tier = get(id);
        long used = jdbc.sql("""
                        select (select count(*) from loyalty_account where tier_id = :id)
                             + (select count(*) from loyalty_tier_change where from_tier_id = :id or to_tier_id = :id)
                             + (select count(*) from loyalty_qualification where tier_id = :id)""").param("id", id).query(Long.class).single();
        if (used > 0) {
            throw new ConflictException(
                    "tier " + tier.name() + " has members or history; change its threshold instead");
        }
        jdbc.sql("delete from loyalty_tier where id = :id").param("id", id).update();
    }

    private record Checked(String name, int rank, BigDecimal threshold, BigDecimal multiplier) {}

    private Checked check(TierInput input, @Nullable Long id) {
        List<FieldProblem> problems = new ArrayList<>();
        FieldProblem unstorable = StorableText.problem("name", input.name());
        if (unstorable != null) {
            problems.add(unstorable);
        }
        String name = unstorable == null ? InputFields.required("name", input.name(), 100, problems) : null;
        if (input.rank() == null || input.rank() < 1 || input.rank() > 100) {
            problems.add(FieldProblem.of("rank", "validation.between", 1, 100));
        }
        if (input.threshold() == null
                || input.threshold().signum() < 0
                || input.threshold().compareTo(BigDecimal.valueOf(1_000_000_000_000L)) >= 0
                || input.threshold().stripTrailingZeros().scale() > 2) {
            problems.add(FieldProblem.of("threshold", "loyalty.tier.threshold"));
        }
        if (input.multiplier() == null
                || input.multiplier().compareTo(BigDecimal.ONE) < 0
                || input.multiplier().compareTo(BigDecimal.valueOf(100)) > 0
                || input.multiplier().stripTrailingZeros().scale() > 2) {
            problems.add(FieldProblem.of("multiplier", "loyalty.tier.multiplier"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        lock();
        return new Checked(Objects.requireNonNull(name), input.rank(), input.threshold(), input.multiplier());
    }

    /** Tiers change one at a time, so that two overlapping ones cannot both pass the check. */
    private void lock() {
        jdbc.sql("lock table loyalty_tier in share row exclusive mode").update();
    }

    /** A name or rank taken by another tier, or a threshold out of the order of the ranks, names its field. */
    private void refuseClashes(Checked wanted, @Nullable Long id) {
        List<FieldProblem> problems = new ArrayList<>();
        for (Tier other : all()) {
            if (id != null && other.id() == id) {
                continue;
            }
            if (other.name().equalsIgnoreCase(wanted.name())) {
                problems.add(FieldProblem.of("name", "loyalty.tier.nameTaken", other.name()));
            }
            if (other.rank() == wanted.rank()) {
                problems.add(FieldProblem.of("rank", "loyalty.tier.rankTaken", other.name()));
            }
            int byRank = Integer.compare(other.rank(), wanted.rank());
            int byThreshold = other.threshold().compareTo(wanted.threshold());
            if (byThreshold == 0 || (byRank != 0 && byRank != byThreshold)) {
                problems.add(FieldProblem.of("threshold", "loyalty.tier.overlap", other.name(), other.threshold()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.stream()
                    .collect(java.util.stream.Collectors.toMap(
                            FieldProblem::field, p -> p, (a, b) -> a, java.util.LinkedHashMap::new))
                    .values()
                    .stream()
                    .toList());
        }
    }

    /** A change of a member's tier: from and to (null: no tier), when, why, and the figure that decided it. */
    public record Change(
            long id,
            Instant at,
            @Nullable String from,
            @Nullable String to,
            String direction,
            String reason,
            BigDecimal qualification,
            @Nullable String receipt) {}

    /**
     * Where a member stands: their tier (null: none yet) and since when, what they have qualified with over the
     * window up to now, the next tier and what it still takes (as a share of the way from this tier's threshold to
     * the next), when the next review is, and the history of changes, newest first.
     */
    public record Standing(
            @Nullable Tier tier,
            @Nullable Instant since,
            Programme.TierBasis basis,
            int windowMonths,
            BigDecimal qualification,
            @Nullable Tier next,
            @Nullable BigDecimal toNext,
            int progressPercent,
            Instant nextReview,
            List<Change> history) {}

    public Standing standing(long accountId) {
        Programme programme = Programme.read(jdbc);
        Instant now = clock.instant();
        record Held(@Nullable Long tierId, @Nullable Instant since) {}
        Held held = jdbc.sql("select tier_id, tier_since from loyalty_account where id = :id")
                .param("id", accountId)
                .query((rs, n) -> new Held(rs.getObject(1, Long.class), Rows.nullableInstant(rs, "tier_since")))
                .single();
        BigDecimal qualification = qualification(accountId, programme, now);
        List<Tier> tiers = all();
        Tier tier = held.tierId() == null
                ? null
                : tiers.stream()
                        .filter(t -> t.id() == held.tierId())
                        .findFirst()
                        .orElse(null);
        Tier next = tiers.stream()
                .filter(t -> tier == null || t.rank() > tier.rank())
                .findFirst()
                .orElse(null);
        BigDecimal toNext = null;
        int progress = 100;
        if (next != null) {
            toNext = next.threshold().subtract(qualification).max(BigDecimal.ZERO);
            BigDecimal from = tier == null ? BigDecimal.ZERO : tier.threshold();
            BigDecimal span = next.threshold().subtract(from);
            progress = span.signum() <= 0
                    ? 100
                    : qualification
                            .subtract(from)
                            .multiply(BigDecimal.valueOf(100))
                            .divide(span, 0, RoundingMode.FLOOR)
                            .max(BigDecimal.ZERO)
                            .min(BigDecimal.valueOf(100))
                            .intValue();
        }
        return new Standing(
                tier,
                held.since(),
                programme.tierBasis(),
                programme.tierWindowMonths(),
                qualification,
                next,
                toNext,
                progress,
                TierReviews.periodEndAfter(now, clock.getZone(), programme.tierReviewMonths()),
                history(accountId, 50));
    }

    /** Points earned by receipts (less returns) or amount spent over the window up to {@code at}. */
    BigDecimal qualification(long accountId, Programme programme, Instant at) {
        return jdbc.sql("""
                        select coalesce(sum(case when :basis = 'POINTS' then points else spend end), 0)
                        from loyalty_qualification
                        where account_id = :account and at >= cast(:at as timestamptz) - make_interval(months => :months)
                          and at <= :at""")
                .param("basis", programme.tierBasis().name())
                .param("account", accountId)
                .param("at", Timestamp.from(at))
                .param("months", programme.tierWindowMonths())
                .query(BigDecimal.class)
                .single();
    }

    /** The member's tier changes, newest first. */
    public List<Change> history(long accountId, int limit) {
        return jdbc.sql("""
                        select c.id, c.at, f.name as from_name, t.name as to_name, c.direction, c.reason,
                               c.qualification, s.source || '/' || s.receipt_id as receipt
                        from loyalty_tier_change c
                        left join loyalty_tier f on f.id = c.from_tier_id
                        left join loyalty_tier t on t.id = c.to_tier_id
                        left join sale s on s.id = c.sale_id
                        where c.account_id = :account order by c.at desc, c.id desc limit :limit""")
                .param("account", accountId)
                .param("limit", limit)
                .query((rs, n) -> new Change(
                        rs.getLong("id"),
                        Rows.instant(rs, "at"),
                        rs.getString("from_name"),
                        rs.getString("to_name"),
                        rs.getString("direction"),
                        rs.getString("reason"),
                        rs.getBigDecimal("qualification"),
                        rs.getString("receipt")))
                .list();
    }

    /** Members per tier now; {@code tier} null for the members without one. */
    public record Share(@Nullable String tier, long members) {}

    public List<Share> distribution() {
        return jdbc.sql("""
                        select t.name, count(a.id) from loyalty_account a left join loyalty_tier t on t.id = a.tier_id
                        where a.kind = 'MEMBER' group by t.name, t.rank order by t.rank nulls first""")
                .query((rs, n) -> new Share(rs.getString(1), rs.getLong(2)))
                .list();
    }

    /** Upgrades and downgrades in a month (in the server's zone). */
    public record Movement(YearMonth month, long upgrades, long downgrades) {}

    /** The last twelve months' tier changes, month by month (months without any included), oldest first. */
    public List<Movement> movements() {
        ZoneId zone = clock.getZone();
        YearMonth last = YearMonth.from(clock.instant().atZone(zone));
        YearMonth first = last.minusMonths(11);
        ZonedDateTime from = first.atDay(1).atStartOfDay(zone);
        java.util.Map<YearMonth, long[]> counts = new java.util.LinkedHashMap<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            counts.put(m, new long[2]);
        }
        jdbc.sql("""
                        select to_char(at at time zone :zone, 'YYYY-MM') as month,
                               count(*) filter (where direction = 'UP'), count(*) filter (where direction = 'DOWN')
                        from loyalty_tier_change where at >= :from and at < :to group by 1""")
                .param("zone", zone.getId())
                .param("from", Timestamp.from(from.toInstant()))
                .param(
                        "to",
                        Timestamp.from(
                                last.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()))
                .query((rs, n) -> {
                    long[] c = counts.get(YearMonth.parse(rs.getString(1)));
                    if (c != null) {
                        c[0] = rs.getLong(2);
                        c[1] = rs.getLong(3);
                    }
                    return null;
                })
                .list();
        List<Movement> movements = new ArrayList<>();
        counts.forEach((month, c) -> movements.add(new Movement(month, c[0], c[1])));
        return movements;
    }

    /** The timeline's entries for tier changes: one per change of a member who is a registered customer. */
    static List<Timeline.Entry> timelineEntries(Connection connection, Long[] ids, String source) throws SQLException {
        List<Timeline.Entry> entries = new ArrayList<>();
        try (var query = connection.prepareStatement("""
                select a.customer_id, c.at, f.name, t.name, c.direction, c.reason, c.qualification,
                       s.source || '/' || s.receipt_id
                from loyalty_tier_change c join loyalty_account a on a.id = c.account_id
                left join loyalty_tier f on f.id = c.from_tier_id
                left join loyalty_tier t on t.id = c.to_tier_id
                left join sale s on s.id = c.sale_id
                where c.id = any(?) and a.customer_id is not null order by c.id""")) {
            query.setArray(1, connection.createArrayOf("bigint", ids));
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("from", rows.getString(3));
                    details.put("to", rows.getString(4));
                    details.put("direction", rows.getString(5));
                    details.put("reason", rows.getString(6));
                    details.put("qualification", rows.getBigDecimal(7));
                    if (rows.getString(8) != null) {
                        details.put("receipt", rows.getString(8));
                    }
                    entries.add(new Timeline.Entry(
                            rows.getLong(1),
                            Rows.instant(rows, "at"),
                            InteractionKind.LOYALTY_TIER_CHANGED,
                            null,
                            (rows.getString(3) == null ? "—" : rows.getString(3)) + " → "
                                    + (rows.getString(4) == null ? "—" : rows.getString(4)),
                            details,
                            source,
                            null));
                }
            }
        }
        return entries;
    }
}
