package io.clientele.customer;

import static io.clientele.platform.db.Rows.instant;
import static io.clientele.platform.db.Rows.timestamptz;

import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consents per channel: {@code customer_consent} holds the current state, {@code customer_consent_event} every
 * consent ever given or withdrawn (append-only), so that the history can be shown to the customer or a regulator.
 */
@Service
public class Consents {
    static final int MAX_SOURCE = 100;
    private final JdbcClient jdbc;
    private final CustomerEditor editor;
    private final CustomerHistory history;
    private final Clock clock;

    Consents(JdbcClient jdbc, CustomerEditor editor, CustomerHistory history, Clock clock) {
        this.jdbc = jdbc;
        this.editor = editor;
        this.history = history;
        this.clock = clock;
    }

    /** One consent given or withdrawn: where (the source) and when, and who recorded it. */
    public record ConsentEvent(
            ConsentChannel channel,
            boolean granted,
            String source,
            Instant recordedAt,
            @Nullable String recordedBy) {}

    /**
     * Records that the customer granted or refused the channel now. Recording the same answer again is kept too: it
     * renews the consent's date and source.
     *
     * @throws InvalidInputException when {@code granted} is missing or the source is empty or too long
     */
    @Transactional
    public CustomerProfile.Consent record(
            long customerId, ConsentChannel channel, @Nullable Boolean granted, @Nullable String source) {
        String from = source == null ? "" : source.strip();
        List<FieldProblem> problems = new ArrayList<>();
        if (granted == null) {
            problems.add(FieldProblem.of("granted", "validation.required"));
        }
        if (from.isEmpty()) {
            problems.add(FieldProblem.of("source", "validation.required"));
        } else if (from.length() > MAX_SOURCE) {
            problems.add(FieldProblem.of("source", "validation.length", MAX_SOURCE));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        editor.lock(customerId);
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into customer_consent (customer_id, channel, granted, source, recorded_at)
                        values (:id, :channel, :granted, :source, :at)
                        on conflict (customer_id, channel) do update
                        set granted = excluded.granted, source = excluded.source, recorded_at = excluded.recorded_at""")
                .param("id", customerId)
                .param("channel", channel.name())
                .param("granted", granted)
                .param("source", from)
                .param("at", timestamptz(now))
                .update();
        jdbc.sql("""
                        insert into customer_consent_event (customer_id, channel, granted, source, recorded_at,
                                                            recorded_by)
                        values (:id, :channel, :granted, :source, :at, :by)""")
                .param("id", customerId)
                .param("channel", channel.name())
                .param("granted", granted)
                .param("source", from)
                .param("at", timestamptz(now))
                .param("by", Actor.current().name())
                .update();
        history.record(
                customerId,
                InteractionKind.CONSENT_CHANGED,
                channel.name(),
                channel.name() + ": " + (granted ? "granted" : "refused") + " (" + from + ")",
                Map.of("channel", channel.name(), "granted", granted, "source", from));
        return new CustomerProfile.Consent(channel, granted, from, now);
    }

    /** Every consent event of the customer, newest first (a handful per channel: not paged). */
    public List<ConsentEvent> history(long customerId) {
        return jdbc.sql("""
                        select channel, granted, source, recorded_at, recorded_by from customer_consent_event
                        where customer_id = :id order by recorded_at desc, id desc""")
                .param("id", customerId)
                .query((rs, n) -> new ConsentEvent(
                        ConsentChannel.valueOf(rs.getString("channel")),
                        rs.getBoolean("granted"),
                        rs.getString("source"),
                        instant(rs, "recorded_at"),
                        rs.getString("recorded_by")))
                .list();
    }
}
