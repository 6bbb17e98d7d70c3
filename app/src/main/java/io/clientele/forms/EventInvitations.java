package io.clientele.forms;

import static io.clientele.platform.db.Rows.timestamptz;

import io.clientele.campaign.InvitableEvents;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The events a campaign step can invite to: those with an active registration form. An invitation links to the form
 * (the oldest active one when an event has several), with the invitation's signed source as its hidden campaign source.
 */
@Component
class EventInvitations implements InvitableEvents {
    private final JdbcClient jdbc;
    private final Clock clock;

    EventInvitations(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public List<Choice> open() {
        return jdbc.sql("""
                        select e.id, e.name from event e join event_session s on s.event_id = e.id
                        where exists (select 1 from form f where f.event_id = e.id and f.kind = 'EVENT' and f.active)
                        group by e.id having max(s.ends_at) > :now
                        order by min(s.starts_at), e.id limit 500""")
                .param("now", timestamptz(clock.instant()))
                .query((rs, n) -> new Choice(rs.getLong("id"), rs.getString("name")))
                .list();
    }

    @Override
    public Optional<String> registrationPath(long eventId) {
        return jdbc.sql("""
                        select slug from form where event_id = :event and kind = 'EVENT' and active
                        order by id limit 1""")
                .param("event", eventId)
                .query(String.class)
                .optional()
                .map(slug -> "/f/" + slug);
    }

    @Override
    public Optional<String> name(long eventId) {
        return jdbc.sql("select name from event where id = :id")
                .param("id", eventId)
                .query(String.class)
                .optional();
    }
}
