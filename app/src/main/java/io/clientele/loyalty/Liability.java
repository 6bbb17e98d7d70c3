package io.clientele.loyalty;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the programme owes its members: the points outstanding (every member's balance) at what a point is worth,
 * and the points of the lots expiring in each of the next twelve months.
 */
@Service
class Liability {
    private final JdbcClient jdbc;
    private final Clock clock;

    Liability(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record Report(long members, long points, BigDecimal value, List<Expiring> expiring) {}

    /** Points expiring in a month (a lot expiring at the start of the next month belongs to this one). */
    record Expiring(YearMonth month, long points, BigDecimal value) {}

    Report now() {
        BigDecimal pointValue = Programme.read(jdbc).pointValue();
        ZoneId zone = clock.getZone();
        Instant now = clock.instant();
        long[] totals = jdbc.sql("""
                        select count(*) filter (where balance > 0), coalesce(sum(balance), 0)
                        from loyalty_account where kind = 'MEMBER'""")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        List<Expiring> expiring = jdbc.sql("""
                        select to_char((m.expires_at at time zone :zone) - interval '1 day', 'YYYY-MM') as month,
                               sum(l.points) as points
                        from (select lot_id, sum(points) as points from loyalty_entry
                              where lot_id is not null group by account_id, lot_id having sum(points) > 0) l
                        join loyalty_movement m on m.id = l.lot_id
                        where m.expires_at > :now and m.expires_at <= cast(:now as timestamptz) + interval '12 months'
                        group by 1 order by 1""")
                .param("zone", zone.getId())
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new Expiring(
                        YearMonth.parse(rs.getString(1)),
                        rs.getLong(2),
                        pointValue.multiply(BigDecimal.valueOf(rs.getLong(2)))))
                .list();
        return new Report(totals[0], totals[1], pointValue.multiply(BigDecimal.valueOf(totals[1])), expiring);
    }
}
