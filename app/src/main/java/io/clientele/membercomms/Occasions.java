package io.clientele.membercomms;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which members have an occasion now, per programme: one query each over the loyalty tables (read-only, as the
 * supplier's figures read them), answering the columns of {@code member_message} after its programme: the customer,
 * the occasion (the once-only key with the programme), the batch (the step it is sent in) and the figures the message
 * is about. Pure SQL text and parameters; {@link MemberProgrammes} inserts what is new.
 */
final class Occasions {
    private Occasions() {}

    /** A query and its parameters. */
    record Found(String sql, Map<String, Object> params) {}

    private static final String NO_FIGURES = """
            null::date as statement_month, null::bigint as opening, null::bigint as earned, null::bigint as redeemed,
            null::bigint as expired, null::bigint as closing""";

    /** What is due now; null when nothing can be (a newsletter before its day of the month). */
    static @Nullable Found of(
            MemberProgrammes.Settings settings, Instant now, ZoneId zone, Instant since, Long[] joined) {
        LocalDate today = now.atZone(zone).toLocalDate();
        Map<String, Object> params = new HashMap<>();
        params.put("now", Timestamp.from(now));
        params.put("zone", zone.getId());
        @Nullable
        String sql = switch (settings.kind()) {
            case WELCOME -> {
                // new accounts of registered customers since the programme started, and cards linked to
                // their holder (whose account is older), as loyalty announced them
                params.put("since", Timestamp.from(since));
                params.put("joined", joined);
                params.put("batch", YearMonth.from(today).toString());
                yield """
                                select a.customer_id, 'welcome' as occasion, :batch as batch, %s,
                                       null::bigint as expiring_points, null::date as expiring_on,
                                       null::bigint as bonus_points
                                from loyalty_account a
                                where a.kind = 'MEMBER' and a.customer_id is not null
                                  and (a.opened_at > :since or a.customer_id = any(:joined))""".formatted(NO_FIGURES);
            }
            case STATEMENT -> {
                // the last month whose statement is due (on its send day of the next month)
                YearMonth month =
                        YearMonth.from(today).minusMonths(today.getDayOfMonth() >= settings.sendDay() ? 1 : 2);
                params.put(
                        "start",
                        Timestamp.from(month.atDay(1).atStartOfDay(zone).toInstant()));
                params.put(
                        "end",
                        Timestamp.from(
                                month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()));
                params.put("month", month.atDay(1));
                params.put("batch", month.toString());
                yield """
                                select s.customer_id, :batch as occasion, :batch as batch, :month as statement_month,
                                       s.opening, s.earned, s.redeemed, s.expired, s.closing,
                                       x.points as expiring_points, x.expires_on as expiring_on,
                                       null::bigint as bonus_points
                                from (
                                    select a.id as account_id, a.customer_id,
                                           coalesce(sum(e.points) filter (where m.at < :start), 0) as opening,
                                           coalesce(sum(e.points) filter (
                                               where m.at >= :start and m.cause not in ('REDEMPTION', 'EXPIRY')), 0)
                                               as earned,
                                           coalesce(-sum(e.points) filter (
                                               where m.at >= :start and m.cause = 'REDEMPTION'), 0) as redeemed,
                                           coalesce(-sum(e.points) filter (
                                               where m.at >= :start and m.cause = 'EXPIRY'), 0) as expired,
                                           coalesce(sum(e.points), 0) as closing,
                                           count(*) filter (where m.at >= :start) as moves
                                    from loyalty_account a
                                    join loyalty_entry e on e.account_id = a.id
                                    join loyalty_movement m on m.id = e.movement_id
                                    where a.kind = 'MEMBER' and a.customer_id is not null and m.at < :end
                                    group by a.id, a.customer_id
                                ) s
                                left join lateral (
                                    select sum(e.points) as points,
                                           (lm.expires_at at time zone :zone)::date as expires_on
                                    from loyalty_entry e join loyalty_movement lm on lm.id = e.lot_id
                                    where e.account_id = s.account_id and lm.expires_at > :now
                                    group by 2 having sum(e.points) > 0
                                    order by 2 limit 1
                                ) x on true
                                where s.closing <> 0 or s.moves > 0""";
            }
            case EXPIRING -> {
                // one warning per member and expiry day: a lot (or the lots) whose points expire then
                params.put("until", Timestamp.from(now.plus(java.time.Duration.ofDays(settings.daysBefore()))));
                yield """
                                select a.customer_id, 'expiry:' || l.expires_on as occasion,
                                       to_char(l.expires_on, 'YYYY-MM-DD') as batch, %s,
                                       sum(l.points)::bigint as expiring_points, l.expires_on as expiring_on,
                                       null::bigint as bonus_points
                                from (
                                    select e.account_id, (lm.expires_at at time zone :zone)::date as expires_on,
                                           sum(e.points) as points
                                    from loyalty_movement lm join loyalty_entry e on e.lot_id = lm.id
                                    where lm.expires_at > :now and lm.expires_at <= :until and e.account_id >= 100
                                    group by e.account_id, e.lot_id, lm.expires_at having sum(e.points) > 0
                                ) l
                                join loyalty_account a on a.id = l.account_id and a.customer_id is not null
                                group by a.customer_id, l.expires_on""".formatted(NO_FIGURES);
            }
            case TIER_CHANGE -> {
                params.put("since", Timestamp.from(since));
                params.put("batch", today.toString());
                yield """
                                select a.customer_id, 'change:' || c.id as occasion, :batch as batch, %s,
                                       null::bigint as expiring_points, null::date as expiring_on,
                                       null::bigint as bonus_points
                                from loyalty_tier_change c join loyalty_account a on a.id = c.account_id
                                where a.customer_id is not null and c.recorded_at > :since""".formatted(NO_FIGURES);
            }
            case BIRTHDAY -> {
                // 29 February's members are greeted on the 28th in other years
                boolean leapDayToo =
                        today.getMonthValue() == 2 && today.getDayOfMonth() == 28 && !Year.isLeap(today.getYear());
                params.put("month", today.getMonthValue());
                params.put("day", today.getDayOfMonth());
                params.put("leapDay", leapDayToo);
                params.put("batch", String.valueOf(today.getYear()));
                params.put("bonus", settings.bonusPoints() == 0 ? null : settings.bonusPoints());
                yield """
                                select c.id as customer_id, :batch as occasion, :batch as batch, %s,
                                       null::bigint as expiring_points, null::date as expiring_on,
                                       cast(:bonus as bigint) as bonus_points
                                from customer c join loyalty_account a on a.customer_id = c.id
                                where c.birth_date is not null
                                  and ((extract(month from c.birth_date) = :month
                                        and extract(day from c.birth_date) = :day)
                                       or (:leapDay and extract(month from c.birth_date) = 2
                                           and extract(day from c.birth_date) = 29))""".formatted(NO_FIGURES);
            }
            case NEWSLETTER -> {
                if (today.getDayOfMonth() < settings.sendDay()) {
                    yield null;
                }
                params.put("batch", YearMonth.from(today).toString());
                yield """
                                select a.customer_id, :batch as occasion, :batch as batch, %s,
                                       null::bigint as expiring_points, null::date as expiring_on,
                                       null::bigint as bonus_points
                                from loyalty_account a where a.kind = 'MEMBER' and a.customer_id is not null""".formatted(NO_FIGURES);
            }
        };
        return sql == null ? null : new Found(sql, params);
    }
}
