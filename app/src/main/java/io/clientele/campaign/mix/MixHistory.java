package io.clientele.campaign.mix;

import io.clientele.analytics.value.ValueGrade;
import io.clientele.campaign.ResponseKind;
import io.clientele.campaign.StepChannel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What past campaigns say, per value grade (of the latest scoring run) and channel: the messages sent and how many of
 * those customers responded (an open, a click, a call outcome or a redemption, as the results count them), and per
 * channel what one contact cost (the steps' unit costs over their sent messages). The grades' customers are those
 * the run graded.
 */
@Component
class MixHistory {
    /** The channels a mix plans: those that send a material to a person (a coupon step hands a code over). */
    static final List<StepChannel> CHANNELS =
            List.of(StepChannel.EMAIL, StepChannel.SMS, StepChannel.CALL, StepChannel.MAIL);

    private final JdbcClient jdbc;

    MixHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Sent and responded per grade and channel; cost summed per channel; customers per grade. */
    record Counts(
            Map<ValueGrade, Long> customers,
            Map<ValueGrade, Map<StepChannel, long[]>> sentAndResponded,
            Map<StepChannel, BigDecimal> cost,
            Map<StepChannel, Long> sent) {}

    /** @param campaigns the campaigns to learn from; empty: all */
    Counts read(long scoreRun, List<Long> campaigns) {
        Map<ValueGrade, Long> customers = new EnumMap<>(ValueGrade.class);
        for (ValueGrade grade : ValueGrade.values()) {
            customers.put(grade, 0L);
        }
        jdbc.sql("select grade, count(*) from customer_score where run_id = :run and grade is not null group by grade")
                .param("run", scoreRun)
                .query(rs -> {
                    customers.put(ValueGrade.valueOf(rs.getString(1)), rs.getLong(2));
                });
        Map<ValueGrade, Map<StepChannel, long[]>> cells = new EnumMap<>(ValueGrade.class);
        Map<StepChannel, BigDecimal> cost = new EnumMap<>(StepChannel.class);
        Map<StepChannel, Long> sent = new EnumMap<>(StepChannel.class);
        jdbc.sql("""
                        with r as (select distinct step_id, customer_id from campaign_response
                                   where kind in (%s))
                        select g.grade, s.channel, count(*) as sent, count(r.customer_id) as responded,
                               sum(s.unit_cost) as cost
                        from campaign_member m
                        join campaign_step s on s.id = m.step_id
                        join customer_score g on g.run_id = :run and g.customer_id = m.customer_id
                        left join r on r.step_id = m.step_id and r.customer_id = m.customer_id
                        where m.send_status = 'SENT' and g.grade is not null
                          and s.channel in ('EMAIL', 'SMS', 'CALL', 'MAIL')
                          and (cardinality(cast(:campaigns as bigint[])) = 0
                               or s.campaign_id = any(cast(:campaigns as bigint[])))
                        group by g.grade, s.channel""".formatted(ResponseKind.RESPONDED_SQL))
                .param("run", scoreRun)
                .param("campaigns", campaigns.toArray(Long[]::new))
                .query(rs -> {
                    ValueGrade grade = ValueGrade.valueOf(rs.getString("grade"));
                    StepChannel channel = StepChannel.valueOf(rs.getString("channel"));
                    cells.computeIfAbsent(grade, g -> new EnumMap<>(StepChannel.class))
                            .put(channel, new long[] {rs.getLong("sent"), rs.getLong("responded")});
                    cost.merge(channel, rs.getBigDecimal("cost"), BigDecimal::add);
                    sent.merge(channel, rs.getLong("sent"), Long::sum);
                });
        return new Counts(customers, cells, cost, sent);
    }

    /** The channels with history, in {@link #CHANNELS} order. */
    static List<StepChannel> channelsOf(Counts counts) {
        List<StepChannel> channels = new ArrayList<>();
        for (StepChannel channel : CHANNELS) {
            if (counts.sent().getOrDefault(channel, 0L) > 0) {
                channels.add(channel);
            }
        }
        return channels;
    }
}
