package io.clientele.campaign.channel;

import io.clientele.campaign.CampaignStep;
import io.clientele.campaign.CampaignSteps;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.StepFrozen;
import io.clientele.platform.ConflictException;
import io.clientele.platform.csv.CsvWriteOptions;
import io.clientele.platform.csv.CsvWriter;
import io.clientele.platform.db.CopyRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Coupon steps: when the step is frozen, every treated member gets a personal code and counts as contacted (the
 * offer is issued: the till, the receipt or the customer's account shows it). Codes are drawn in Java and written
 * with COPY and one update; a code that happens to exist already (in another step) is drawn again.
 */
@Service
public class Coupons {
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final CampaignSteps steps;
    private final Handover handover;
    private final Clock clock;
    private final CouponCodes codes = new CouponCodes();

    Coupons(JdbcClient jdbc, DataSource dataSource, CampaignSteps steps, Handover handover, Clock clock) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.steps = steps;
        this.handover = handover;
        this.clock = clock;
    }

    /**
     * Inside the transaction that froze the step, or admitted members to a journey's step: the codes commit with it,
     * or not at all.
     */
    @EventListener
    void frozen(StepFrozen event) {
        if (event.channel() == StepChannel.COUPON) {
            issue(event.stepId());
        }
    }

    /** Gives every pending member without a code one, and marks them SENT; returns how many got a code. */
    @Transactional
    public int issue(long stepId) {
        CampaignStep step = steps.get(stepId);
        if (step.channel() != StepChannel.COUPON) {
            throw new ConflictException("Step " + stepId + " is not a coupon step");
        }
        // one issue of a step at a time; the members' rows are not locked one by one (a million would be written)
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('coupon_issue', :step))")
                .param("step", stepId)
                .query()
                .singleRow();
        List<Long> members =
                jdbc.sql("""
                        select customer_id from campaign_member
                        where step_id = :step and send_status = 'PENDING' and coupon_code is null""").param("step", stepId).query(Long.class).list();
        Instant now = clock.instant();
        try {
            draw(step.couponPrefix(), members);
        } catch (SQLException e) {
            throw new IllegalStateException("Drawing the coupon codes of step " + stepId + " failed", e);
        }
        // the codes and the SENT state in one pass over the members
        handover.markSentWithCodes(stepId, now);
        if (step.admits()) {
            // a journey's coupon step admits members as customers arrive: it is never done
            return members.size();
        }
        // issuing the codes is the whole of the step's sending
        jdbc.sql("""
                        update campaign_step set status = 'SENT', sent_at = :now
                        where id = :step and status in ('FROZEN', 'SENDING')""").param("step", stepId).param("now", Timestamp.from(now)).update();
        return members.size();
    }

    /** Fills {@code coupon_draw} with a code per member, none equal to another's or to an existing code. */
    private void draw(@Nullable String prefix, List<Long> members) throws SQLException {
        jdbc.sql("create temporary table if not exists coupon_draw (customer_id bigint primary key, code text not null)"
                        + " on commit drop")
                .update();
        jdbc.sql("truncate coupon_draw").update();
        Set<String> drawn = new HashSet<>(members.size() * 2);
        CopyRows rows = new CopyRows();
        for (long member : members) {
            rows.add(member).add(unique(prefix, drawn)).endRow();
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        rows.copyInto(connection, "copy coupon_draw (customer_id, code) from stdin");
        jdbc.sql("analyze coupon_draw").update();
        // about one in a trillion draws repeats a code of another step: those draw again until none does
        while (true) {
            List<Long> clashing = jdbc.sql("""
                            select d.customer_id from coupon_draw d
                            where exists (select 1 from campaign_member m where m.coupon_code = d.code)""").query(Long.class).list();
            if (clashing.isEmpty()) {
                return;
            }
            for (long member : clashing) {
                jdbc.sql("update coupon_draw set code = :code where customer_id = :customer")
                        .param("code", unique(prefix, drawn))
                        .param("customer", member)
                        .update();
            }
        }
    }

    private String unique(@Nullable String prefix, Set<String> drawn) {
        String code;
        do {
            code = codes.next(prefix);
        } while (!drawn.add(code));
        return code;
    }

    /** The step's codes as CSV for people (the tills' list, a mail merge): one row per member with a code. */
    public void exportCsv(long stepId, Writer out) {
        steps.get(stepId);
        CsvWriter csv = new CsvWriter(out, CsvWriteOptions.forSpreadsheets());
        try {
            csv.writeRow(List.of(
                    "customer_id", "name", "card_number", "coupon_code", "valid_until", "redeemed_at", "receipt"));
            jdbc.sql("""
                            select m.customer_id, concat_ws(' ', c.first_name, c.last_name) as name, c.card_number,
                                   m.coupon_code, s.coupon_valid_until, r.at as redeemed_at, r.detail as receipt
                            from campaign_member m
                            join campaign_step s on s.id = m.step_id
                            join customer c on c.id = m.customer_id
                            left join campaign_response r on r.step_id = m.step_id and r.customer_id = m.customer_id
                                                          and r.kind = 'REDEEMED'
                            where m.step_id = :step and m.coupon_code is not null
                            order by m.customer_id""").param("step", stepId).query(rs -> {
                try {
                    csv.writeRow(List.of(
                            rs.getString("customer_id"),
                            rs.getString("name"),
                            text(rs.getString("card_number")),
                            rs.getString("coupon_code"),
                            text(rs.getString("coupon_valid_until")),
                            text(rs.getString("redeemed_at")),
                            text(rs.getString("receipt"))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A customer's personal code of a coupon step, and whether it is still open. */
    public record CustomerCoupon(
            String code,
            long campaignId,
            String campaign,
            long stepId,
            BigDecimal value,
            @Nullable LocalDate validUntil,
            boolean open,
            @Nullable Instant redeemedAt) {}

    /**
     * The customer's codes, newest first; open: its campaign is running, it is not redeemed and not past its date.
     */
    public List<CustomerCoupon> ofCustomer(long customerId) {
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql("""
                        select m.coupon_code, s.campaign_id, c.name, s.id as step_id, s.coupon_value,
                               s.coupon_valid_until, c.status, r.at as redeemed_at
                        from campaign_member m
                        join campaign_step s on s.id = m.step_id
                        join campaign c on c.id = s.campaign_id
                        left join campaign_response r on r.step_id = m.step_id and r.customer_id = m.customer_id
                                                      and r.kind = 'REDEEMED'
                        where m.customer_id = :customer and m.coupon_code is not null
                        order by s.id desc""")
                .param("customer", customerId)
                .query((rs, row) -> {
                    LocalDate until = rs.getObject("coupon_valid_until", LocalDate.class);
                    Timestamp redeemed = rs.getTimestamp("redeemed_at");
                    return new CustomerCoupon(
                            rs.getString("coupon_code"),
                            rs.getLong("campaign_id"),
                            rs.getString("name"),
                            rs.getLong("step_id"),
                            rs.getBigDecimal("coupon_value"),
                            until,
                            redeemed == null
                                    && "RUNNING".equals(rs.getString("status"))
                                    && (until == null || !until.isBefore(today)),
                            redeemed == null ? null : redeemed.toInstant());
                })
                .list();
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }
}
