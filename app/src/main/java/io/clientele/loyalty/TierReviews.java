package io.clientele.loyalty;

import io.clientele.customer.Timeline;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Downgrades happen only here: at the end of each qualification period (calendar periods of the programme's
 * {@code tierReviewMonths}, counted from January, in the server's zone) every member is set to the highest tier
 * their qualification over the window ending then reaches — but never below a tier they were upgraded to since the
 * period began (a tier reached is kept until the end of the next period), and a member who now qualifies higher
 * (a threshold was lowered) goes up. A period is reviewed once ({@code loyalty_tier_review}): running it again, by
 * {@code ./clientele loyalty tiers} or the hourly job, changes nothing.
 */
@Component
public class TierReviews {
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Timeline timeline;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    TierReviews(
            JdbcClient jdbc, DataSource dataSource, Timeline timeline, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.timeline = timeline;
        this.clock = clock;
    }

    /** What a review did: the period it reviewed, whether this run reviewed it, and the members moved. */
    public record Result(Instant periodEnd, boolean reviewed, int upgraded, int downgraded) {}

    @Scheduled(
            fixedDelayString = "${clientele.loyalty.tier-review-seconds:3600}",
            initialDelayString = "${clientele.loyalty.tier-review-seconds:3600}",
            timeUnit = java.util.concurrent.TimeUnit.SECONDS)
    void scheduled() {
        review();
    }

    /** The start of the period of {@code months} that {@code at} lies in: its end is the next period's start. */
    static Instant periodEndBefore(Instant at, ZoneId zone, int months) {
        LocalDate day = at.atZone(zone).toLocalDate();
        int month = (day.getMonthValue() - 1) / months * months + 1;
        return LocalDate.of(day.getYear(), month, 1).atStartOfDay(zone).toInstant();
    }

    static Instant periodEndAfter(Instant at, ZoneId zone, int months) {
        return periodEndBefore(at, zone, months).atZone(zone).plusMonths(months).toInstant();
    }

    /** Reviews the last period that has ended, unless it was reviewed. */
    @Transactional
    public Result review() {
        Programme programme = Programme.read(jdbc);
        ZoneId zone = clock.getZone();
        Instant end = periodEndBefore(clock.instant(), zone, programme.tierReviewMonths());
        Instant start =
                end.atZone(zone).minusMonths(programme.tierReviewMonths()).toInstant();
        int claimed = jdbc.sql("""
                        insert into loyalty_tier_review (period_end, reviewed_at, upgraded, downgraded, actor)
                        values (:end, :now, 0, 0, 'system') on conflict (period_end) do nothing""")
                .param("end", Timestamp.from(end))
                .param("now", Timestamp.from(clock.instant()))
                .update();
        if (claimed == 0) {
            return new Result(end, false, 0, 0);
        }
        // the members to move, then locked in id order, then decided again under the lock (a receipt may have
        // upgraded one meanwhile)
        List<Long> candidates =
                moves(programme, start, end, null).stream().map(Move::account).toList();
        if (candidates.isEmpty()) {
            return new Result(end, true, 0, 0);
        }
        jdbc.sql("select 1 from loyalty_account where id = any(:ids) order by id for update")
                .param("ids", candidates.toArray(Long[]::new))
                .query(Integer.class)
                .list();
        List<Move> moves = moves(programme, start, end, candidates.toArray(Long[]::new));
        Long[] ids = jdbc.sql("""
                        insert into loyalty_tier_change (key, account_id, from_tier_id, to_tier_id, at, direction,
                                                         reason, qualification, recorded_at, actor)
                        select 'review:' || extract(epoch from cast(:end as timestamptz))::bigint || ':' || m.account,
                               m.account, m.from_tier, m.to_tier,
                               greatest(cast(:end as timestamptz),
                                        (select max(c.at) from loyalty_tier_change c where c.account_id = m.account)),
                               m.direction, 'REVIEW', m.qualification, :now, 'system'
                        from unnest(:accounts, :froms, :tos, :directions, cast(:qualifications as numeric[]))
                             as m(account, from_tier, to_tier, direction, qualification)
                        on conflict (key) do nothing
                        returning id""")
                .param("end", Timestamp.from(end))
                .param("now", Timestamp.from(clock.instant()))
                .param("accounts", moves.stream().map(Move::account).toArray(Long[]::new))
                .param("froms", moves.stream().map(Move::from).toArray(Long[]::new))
                .param("tos", moves.stream().map(Move::to).toArray(Long[]::new))
                .param("directions", moves.stream().map(Move::direction).toArray(String[]::new))
                .param(
                        "qualifications",
                        moves.stream()
                                .map(m -> m.qualification().toPlainString())
                                .toArray(String[]::new))
                .query(Long.class)
                .list()
                .toArray(Long[]::new);
        jdbc.sql("""
                        update loyalty_account a set tier_id = c.to_tier_id, tier_since = c.at
                        from loyalty_tier_change c where c.id = any(:ids) and a.id = c.account_id""").param("ids", ids).update();
        int up = (int) moves.stream().filter(m -> m.direction().equals("UP")).count();
        int down = moves.size() - up;
        jdbc.sql("update loyalty_tier_review set upgraded = :up, downgraded = :down where period_end = :end")
                .param("up", up)
                .param("down", down)
                .param("end", Timestamp.from(end))
                .update();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            List<Timeline.Entry> entries = LoyaltyTiers.timelineEntries(connection, ids, "loyalty");
            if (!entries.isEmpty()) {
                timeline.recordAll(connection, entries);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        events.publishEvent(new TiersChanged(up, down, clock.instant()));
        return new Result(end, true, up, down);
    }

    private record Move(
            long account,
            @Nullable Long from,
            @Nullable Long to,
            String direction,
            java.math.BigDecimal qualification) {}

    /**
     * The members whose tier the review changes: the tier their qualification over the window ending at the
     * period's end reaches, raised to any tier they were upgraded to since the period began (as far as the tier
     * they hold), compared with the tier they hold.
     */
    private List<Move> moves(Programme programme, Instant start, Instant end, Long @Nullable [] among) {
        return jdbc.sql("""
                        with member as (
                            select a.id, a.tier_id, coalesce(cur.rank, 0) as held,
                                   coalesce((select sum(case when :basis = 'POINTS' then q.points else q.spend end)
                                             from loyalty_qualification q
                                             where q.account_id = a.id
                                               and q.at >= cast(:end as timestamptz) - make_interval(months => :months)
                                               and q.at < :end), 0) as qualification,
                                   coalesce((select max(t.rank) from loyalty_tier_change c
                                             join loyalty_tier t on t.id = c.to_tier_id
                                             where c.account_id = a.id and c.direction = 'UP' and c.at >= :start), 0)
                                       as kept
                            from loyalty_account a left join loyalty_tier cur on cur.id = a.tier_id
                            where a.kind = 'MEMBER' and (:all or a.id = any(:among))
                              and (a.tier_id is not null
                                   or exists (select 1 from loyalty_qualification q where q.account_id = a.id))),
                        decided as (
                            select m.*, greatest(coalesce((select max(rank) from loyalty_tier
                                                           where threshold <= m.qualification), 0),
                                                 least(m.kept, m.held)) as rank
                            from member m)
                        select d.id, d.tier_id, t.id as to_tier, d.rank > d.held as up, d.qualification
                        from decided d left join loyalty_tier t on t.rank = d.rank
                        where d.rank <> d.held order by d.id""")
                .param("basis", programme.tierBasis().name())
                .param("end", Timestamp.from(end))
                .param("start", Timestamp.from(start))
                .param("months", programme.tierWindowMonths())
                .param("all", among == null)
                .param("among", among == null ? new Long[0] : among)
                .query((rs, n) -> new Move(
                        rs.getLong(1),
                        rs.getObject(2, Long.class),
                        rs.getObject(3, Long.class),
                        rs.getBoolean(4) ? "UP" : "DOWN",
                        rs.getBigDecimal(5)))
                .list();
    }
}
