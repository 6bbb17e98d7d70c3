package io.clientele.campaign.response;

import io.clientele.campaign.ResponseKind;
import io.clientele.campaign.SuppressionReason;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Email that came back undelivered, reported by the API or read from the bounce mailbox. Each bounce is recorded once
 * per message, type and status; a hard (permanent) bounce puts the address on the email suppression list.
 */
@Service
public class Bounces {
    /** A permanent failure (5.x.x: the address does not exist) or a temporary one (4.x.x: mailbox full). */
    public enum Type {
        HARD,
        SOFT
    }

    /** A bounce of the message to {@code target}; status as RFC 3464 gives it ({@code 5.1.1}). */
    public record Bounce(
            TrackingLinks.Target target,
            Type type,
            String status,
            @Nullable String diagnostic) {}

    /** What became of a bounce. */
    public enum Outcome {
        RECORDED,
        ALREADY_RECORDED,
        /** No such message was sent (another installation's, or its campaign was deleted). */
        UNKNOWN_MESSAGE
    }

    static final int MAX_DIAGNOSTIC = 500;

    private final CampaignResponses responses;
    private final JdbcClient jdbc;
    private final Clock clock;

    Bounces(CampaignResponses responses, JdbcClient jdbc, Clock clock) {
        this.responses = responses;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public Outcome record(Bounce bounce) {
        TrackingLinks.Target target = bounce.target();
        String address = jdbc.sql("""
                        select address from campaign_member
                        where step_id = :step and customer_id = :customer and member_group = 'TREATED'""")
                .param("step", target.stepId())
                .param("customer", target.customerId())
                .query(String.class)
                .optional()
                .orElse(null);
        if (address == null) {
            return Outcome.UNKNOWN_MESSAGE;
        }
        Instant now = clock.instant();
        String diagnostic =
                bounce.diagnostic() == null ? "" : bounce.diagnostic().strip();
        if (diagnostic.length() > MAX_DIAGNOSTIC) {
            diagnostic = diagnostic.substring(0, MAX_DIAGNOSTIC);
        }
        boolean recorded = responses.record(new CampaignResponses.Response(
                target.stepId(),
                target.customerId(),
                ResponseKind.BOUNCED,
                now,
                (bounce.status() + " " + diagnostic).strip(),
                null,
                bounce.type() + " " + bounce.status()));
        if (!recorded) {
            return Outcome.ALREADY_RECORDED;
        }
        String key = address.strip().toLowerCase(java.util.Locale.ROOT);
        if (bounce.type() == Type.HARD && !key.isEmpty()) {
            jdbc.sql("""
                            insert into suppression (channel, address, reason, note, added_by, added_at)
                            values ('EMAIL', :address, :reason, :note, 'system', :at)
                            on conflict do nothing""")
                    .param("address", key)
                    .param("reason", SuppressionReason.HARD_BOUNCE.name())
                    .param("note", "step " + target.stepId() + ": " + bounce.status())
                    .param("at", Timestamp.from(now))
                    .update();
        }
        return Outcome.RECORDED;
    }
}
