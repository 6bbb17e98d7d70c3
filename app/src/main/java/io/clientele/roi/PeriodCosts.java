package io.clientele.roi;

import io.clientele.audit.AuditTrail;
import io.clientele.platform.ConflictException;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Indirect costs of a period (a marketing department's month) and their allocation to the campaigns that ran in it.
 * The allocation is stored per campaign and recomputed whole — the old rows replaced, never added to — when the
 * rule or the shares change or when asked; amounts are rounded to cents with the remainder given to the largest
 * fractions, so they add up to the cost exactly.
 */
@Service
public class PeriodCosts {
    private final JdbcClient jdbc;
    private final Attribution attribution;
    private final RoiProperties properties;
    private final AuditTrail audit;
    private final Clock clock;

    PeriodCosts(JdbcClient jdbc, Attribution attribution, RoiProperties properties, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.attribution = attribution;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /** A period cost as sent; {@code shares} (campaign id → percent) only with rule SHARES. */
    public record Input(
            @Nullable String startsOn,
            @Nullable String endsOn,
            @Nullable String amount,
            @Nullable String description,
            @Nullable String rule,
            @Nullable Map<Long, String> shares) {}

    public record Allocation(long campaignId, String campaignName, BigDecimal basis, BigDecimal amount) {}

    public record PeriodCost(
            long id,
            LocalDate startsOn,
            LocalDate endsOn,
            BigDecimal amount,
            String description,
            AllocationRule rule,
            Map<Long, BigDecimal> shares,
            @Nullable Instant allocatedAt,
            List<Allocation> allocations) {}

    private record Checked(
            LocalDate startsOn,
            LocalDate endsOn,
            BigDecimal amount,
            String description,
            AllocationRule rule,
            Map<Long, BigDecimal> shares) {}

    @Transactional
    public PeriodCost create(Input input, String actor) {
        Checked c = check(input);
        long id = jdbc.sql("""
                        insert into period_cost (starts_on, ends_on, amount, description, rule, created_by, created_at)
                        values (:starts, :ends, :amount, :description, :rule, :actor, :now) returning id""")
                .param("starts", c.startsOn())
                .param("ends", c.endsOn())
                .param("amount", c.amount())
                .param("description", c.description())
                .param("rule", c.rule().name())
                .param("actor", actor)
                .param("now", Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        writeShares(id, c.shares());
        audit.record(
                "period-cost.created",
                "period_cost",
                id,
                Map.of("amount", c.amount().toPlainString()));
        return allocate(id);
    }

    /** Changes the cost, its rule or shares, and recomputes its allocation. */
    @Transactional
    public PeriodCost update(long id, Input input, String actor) {
        Checked c = check(input);
        lock(id);
        jdbc.sql("""
                        update period_cost set starts_on = :starts, ends_on = :ends, amount = :amount,
                               description = :description, rule = :rule
                        where id = :id""")
                .param("starts", c.startsOn())
                .param("ends", c.endsOn())
                .param("amount", c.amount())
                .param("description", c.description())
                .param("rule", c.rule().name())
                .param("id", id)
                .update();
        jdbc.sql("delete from period_cost_share where period_cost_id = :id")
                .param("id", id)
                .update();
        writeShares(id, c.shares());
        audit.record(
                "period-cost.updated",
                "period_cost",
                id,
                Map.of("amount", c.amount().toPlainString()));
        return allocate(id);
    }

    /**
     * Recomputes the allocation by the cost's rule, replacing the stored one. 409 when no campaign ran in the
     * period, or when none has anything to be measured by (no contacts, cost or revenue).
     */
    @Transactional
    public PeriodCost allocate(long id) {
        Checked cost = lock(id);
        Map<Long, BigDecimal> basis = basis(cost);
        BigDecimal sum = basis.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.signum() == 0) {
            throw new ConflictException(
                    basis.isEmpty()
                            ? "No campaign ran from " + cost.startsOn() + " to " + cost.endsOn()
                            : "No campaign of the period has anything to allocate " + cost.rule() + " by");
        }
        Map<Long, BigDecimal> amounts = split(cost.amount(), basis);
        // the campaigns that lose their share and those that get one
        ComparisonFigures.markStale(jdbc, allocatedTo(id));
        ComparisonFigures.markStale(jdbc, amounts.keySet());
        jdbc.sql("delete from period_cost_allocation where period_cost_id = :id")
                .param("id", id)
                .update();
        amounts.forEach((campaign, amount) -> jdbc.sql("""
                        insert into period_cost_allocation (period_cost_id, campaign_id, basis, amount)
                        values (:id, :campaign, :basis, :amount)""")
                .param("id", id)
                .param("campaign", campaign)
                .param("basis", basis.get(campaign))
                .param("amount", amount)
                .update());
        jdbc.sql("update period_cost set allocated_at = :now where id = :id")
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
        return find(id);
    }

    @Transactional(readOnly = true)
    public PeriodCost find(long id) {
        PeriodCost cost = list(id, null, null).stream().findFirst().orElse(null);
        if (cost == null) {
            throw new NotFoundException("No period cost " + id);
        }
        return cost;
    }

    /** The period costs overlapping [from, to] (either open), latest period first. */
    @Transactional(readOnly = true)
    public List<PeriodCost> list(@Nullable LocalDate from, @Nullable LocalDate to) {
        return list(null, from, to);
    }

    private List<Long> allocatedTo(long periodCostId) {
        return jdbc.sql("select campaign_id from period_cost_allocation where period_cost_id = :id")
                .param("id", periodCostId)
                .query(Long.class)
                .list();
    }

    /** Each campaign's allocated indirect cost, from all period costs. */
    Map<Long, BigDecimal> allocated(List<Long> campaignIds) {
        Map<Long, BigDecimal> result = new HashMap<>();
        if (!campaignIds.isEmpty()) {
            jdbc.sql("select campaign_id, sum(amount) from period_cost_allocation where campaign_id in (:campaigns)"
                            + " group by campaign_id")
                    .param("campaigns", campaignIds)
                    .query(rs -> {
                        result.put(rs.getLong(1), rs.getBigDecimal(2));
                    });
        }
        return result;
    }

    /**
     * Shares {@code amount} in proportion to {@code basis}: each gets the floor of its exact share in cents, and the
     * cents left over go one each to the largest remainders (ties to the lower campaign id), so the sum is exact.
     */
    static Map<Long, BigDecimal> split(BigDecimal amount, Map<Long, BigDecimal> basis) {
        BigDecimal sum = basis.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        long cents = amount.movePointRight(2).longValueExact();
        Map<Long, Long> floors = new LinkedHashMap<>();
        Map<Long, BigDecimal> remainders = new HashMap<>();
        long given = 0;
        for (Map.Entry<Long, BigDecimal> entry : basis.entrySet()) {
            BigDecimal exact =
                    BigDecimal.valueOf(cents).multiply(entry.getValue()).divide(sum, 10, RoundingMode.DOWN);
            long floor = exact.setScale(0, RoundingMode.DOWN).longValueExact();
            floors.put(entry.getKey(), floor);
            remainders.put(entry.getKey(), exact.subtract(BigDecimal.valueOf(floor)));
            given += floor;
        }
        List<Long> byRemainder = new ArrayList<>(basis.keySet());
        byRemainder.sort(Comparator.comparing((Long id) -> remainders.get(id))
                .reversed()
                .thenComparing(Comparator.naturalOrder()));
        for (int i = 0; i < cents - given; i++) {
            floors.merge(byRemainder.get(i % byRemainder.size()), 1L, Long::sum);
        }
        Map<Long, BigDecimal> result = new LinkedHashMap<>();
        floors.forEach((id, c) -> result.put(id, BigDecimal.valueOf(c, 2)));
        return result;
    }

    /** What the rule measures for each campaign that ran in the period (or each named by the shares). */
    private Map<Long, BigDecimal> basis(Checked cost) {
        Map<Long, BigDecimal> basis = new java.util.TreeMap<>();
        if (cost.rule() == AllocationRule.SHARES) {
            basis.putAll(cost.shares());
            return basis;
        }
        List<Long> running = jdbc.sql("""
                        select id from campaign
                        where launched_at is not null
                          and coalesce(starts_on, launched_at::date) <= :ends
                          and coalesce(ends_on, :ends) >= :starts
                        order by id""")
                .param("starts", cost.startsOn())
                .param("ends", cost.endsOn())
                .query(Long.class)
                .list();
        running.forEach(id -> basis.put(id, BigDecimal.ZERO));
        if (running.isEmpty()) {
            return basis;
        }
        Timestamp from = Timestamp.valueOf(cost.startsOn().atStartOfDay());
        Timestamp to = Timestamp.valueOf(cost.endsOn().plusDays(1).atStartOfDay());
        switch (cost.rule()) {
            case EVEN -> running.forEach(id -> basis.put(id, BigDecimal.ONE));
            case BY_CONTACTS ->
                jdbc.sql("""
                            select campaign_id, count(*) from campaign_member
                            where campaign_id in (:campaigns) and send_status = 'SENT'
                              and sent_at >= :from and sent_at < :to
                            group by campaign_id""")
                        .param("campaigns", running)
                        .param("from", from)
                        .param("to", to)
                        .query(rs -> {
                            basis.put(rs.getLong(1), rs.getBigDecimal(2));
                        });
            case BY_DIRECT_COST ->
                jdbc.sql("""
                            select campaign_id, sum(amount) from (
                                select campaign_id, amount from campaign_cost
                                where campaign_id in (:campaigns) and incurred_on between :starts and :ends
                                union all
                                select s.campaign_id, %s
                                from campaign_step s join campaign_member m on m.step_id = s.id
                                where s.campaign_id in (:campaigns) and m.send_status = 'SENT'
                                  and m.sent_at >= :from and m.sent_at < :to) c
                            group by campaign_id""".formatted(RoiProperties.CONTACT_COST))
                        .param("campaigns", running)
                        .param("starts", cost.startsOn())
                        .param("ends", cost.endsOn())
                        .param("from", from)
                        .param("to", to)
                        .params(properties.contactCostParams())
                        .query(rs -> {
                            basis.put(rs.getLong(1), rs.getBigDecimal(2));
                        });
            case BY_REVENUE ->
                attribution
                        .attributed(running, AttributionModel.LAST_TOUCH, properties.attributionWindowDays())
                        .forEach((campaign, revenue) -> basis.put(
                                campaign,
                                revenue.getOrDefault(Attribution.CAMPAIGN, Attribution.Revenue.NONE)
                                        .total()));
            case SHARES -> throw new IllegalStateException("handled above");
        }
        return basis;
    }

    private Checked check(Input input) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate starts = InputFields.date("startsOn", input.startsOn(), problems);
        if (starts == null && InputFields.trimmed(input.startsOn()) == null) {
            problems.add(FieldProblem.of("startsOn", "validation.required"));
        }
        LocalDate ends = InputFields.date("endsOn", input.endsOn(), problems);
        if (ends == null && InputFields.trimmed(input.endsOn()) == null) {
            problems.add(FieldProblem.of("endsOn", "validation.required"));
        }
        if (starts != null && ends != null && ends.isBefore(starts)) {
            problems.add(FieldProblem.of("endsOn", "validation.endsBeforeStart"));
        }
        BigDecimal amount = InputFields.money("amount", input.amount(), problems);
        if (amount == null && InputFields.trimmed(input.amount()) == null) {
            problems.add(FieldProblem.of("amount", "validation.required"));
        } else if (amount != null && amount.signum() < 0) {
            problems.add(FieldProblem.of("amount", "validation.notNegative"));
        }
        String description = InputFields.required("description", input.description(), 200, problems);
        InputFields.printable("description", input.description(), problems);
        AllocationRule rule = InputFields.oneOf("rule", input.rule(), AllocationRule.class, problems);
        Map<Long, BigDecimal> shares = new java.util.TreeMap<>();
        Map<Long, String> given = input.shares() == null ? Map.of() : input.shares();
        if (rule == AllocationRule.SHARES) {
            boolean numbers = true;
            for (Map.Entry<Long, String> share : given.entrySet()) {
                BigDecimal percent = InputFields.money("shares", share.getValue(), problems);
                if (percent == null || percent.signum() <= 0) {
                    numbers = false;
                } else {
                    shares.put(share.getKey(), percent);
                }
            }
            BigDecimal sum = shares.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            if (numbers && sum.compareTo(BigDecimal.valueOf(100)) != 0) {
                problems.add(FieldProblem.of("shares", "roi.shares.sum", sum.toPlainString()));
            } else if (!numbers && problems.stream().noneMatch(p -> p.field().equals("shares"))) {
                problems.add(FieldProblem.of("shares", "validation.atLeast", "0.01"));
            }
            List<Long> unknown = shares.isEmpty()
                    ? List.of()
                    : shares.keySet().stream()
                            .filter(id -> jdbc.sql("select not exists (select 1 from campaign where id = :id)")
                                    .param("id", id)
                                    .query(Boolean.class)
                                    .single())
                            .toList();
            if (!unknown.isEmpty()) {
                problems.add(FieldProblem.of("shares", "validation.unknown", unknown));
            }
        } else if (!given.isEmpty()) {
            problems.add(FieldProblem.of("shares", "roi.shares.onlyWithShares"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Checked(starts, ends, amount, description, rule, shares);
    }

    private void writeShares(long id, Map<Long, BigDecimal> shares) {
        shares.forEach((campaign, percent) -> jdbc.sql("""
                        insert into period_cost_share (period_cost_id, campaign_id, percent)
                        values (:id, :campaign, :percent)""")
                .param("id", id)
                .param("campaign", campaign)
                .param("percent", percent)
                .update());
    }

    /** The cost as stored, its row locked so that two recomputations do not interleave. */
    private Checked lock(long id) {
        Checked cost = jdbc.sql("""
                        select starts_on, ends_on, amount, description, rule from period_cost
                        where id = :id for update""")
                .param("id", id)
                .query((rs, row) -> new Checked(
                        rs.getObject(1, LocalDate.class),
                        rs.getObject(2, LocalDate.class),
                        rs.getBigDecimal(3),
                        rs.getString(4),
                        AllocationRule.valueOf(rs.getString(5)),
                        shares(id)))
                .optional()
                .orElse(null);
        if (cost == null) {
            throw new NotFoundException("No period cost " + id);
        }
        return cost;
    }

    private Map<Long, BigDecimal> shares(long id) {
        Map<Long, BigDecimal> shares = new java.util.TreeMap<>();
        jdbc.sql("select campaign_id, percent from period_cost_share where period_cost_id = :id")
                .param("id", id)
                .query(rs -> {
                    shares.put(rs.getLong(1), rs.getBigDecimal(2));
                });
        return shares;
    }

    private List<PeriodCost> list(@Nullable Long id, @Nullable LocalDate from, @Nullable LocalDate to) {
        List<PeriodCost> costs = jdbc.sql("""
                        select id, starts_on, ends_on, amount, description, rule, allocated_at from period_cost
                        where (cast(:id as bigint) is null or id = :id)
                          and (cast(:from as date) is null or ends_on >= :from)
                          and (cast(:to as date) is null or starts_on <= :to)
                        order by starts_on desc, id desc
                        limit 500""")
                .param("id", id)
                .param("from", from)
                .param("to", to)
                .query((rs, row) -> new PeriodCost(
                        rs.getLong(1),
                        rs.getObject(2, LocalDate.class),
                        rs.getObject(3, LocalDate.class),
                        rs.getBigDecimal(4),
                        rs.getString(5),
                        AllocationRule.valueOf(rs.getString(6)),
                        Map.of(),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(),
                        List.of()))
                .list();
        List<PeriodCost> full = new ArrayList<>();
        for (PeriodCost cost : costs) {
            List<Allocation> allocations = jdbc.sql("""
                            select a.campaign_id, c.name, a.basis, a.amount
                            from period_cost_allocation a join campaign c on c.id = a.campaign_id
                            where a.period_cost_id = :id order by a.amount desc, a.campaign_id""")
                    .param("id", cost.id())
                    .query((rs, row) ->
                            new Allocation(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4)))
                    .list();
            full.add(new PeriodCost(
                    cost.id(),
                    cost.startsOn(),
                    cost.endsOn(),
                    cost.amount(),
                    cost.description(),
                    cost.rule(),
                    shares(cost.id()),
                    cost.allocatedAt(),
                    allocations));
        }
        return full;
    }
}
