package io.clientele.campaign.send;

import io.clientele.campaign.StepChannel;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo channel: messages are kept in {@code campaign_outbox} for reading instead of leaving (email when no SMTP
 * server is configured, SMS when no gateway is). A message stored twice for the same step and customer is one.
 */
final class Outbox implements Channel {
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;

    Outbox(JdbcTemplate jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Channel.Session open() {
        return new Channel.Session() {
            @Override
            public List<Delivery> send(List<OutgoingMessage> messages) {
                store(messages);
                return messages.stream().map(m -> Delivery.sent(m.customerId())).toList();
            }

            @Override
            public void close() {}
        };
    }

    private void store(List<OutgoingMessage> messages) {
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> rows = new ArrayList<>(messages.size());
        for (OutgoingMessage m : messages) {
            rows.add(new Object[] {
                m.stepId(),
                m.customerId(),
                m.channel().name(),
                m.recipient(),
                m.channel() == StepChannel.EMAIL ? m.subject() : null,
                m.html(),
                m.text(),
                json.writeValueAsString(m.headers()),
                now
            });
        }
        jdbc.batchUpdate("""
                insert into campaign_outbox (step_id, customer_id, channel, recipient, subject, html_body, text_body,
                                             headers, created_at)
                values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)
                on conflict (step_id, customer_id) do nothing""", rows);
    }
}
