package io.clientele.customer;

import static io.clientele.platform.db.Rows.instant;
import static io.clientele.platform.db.Rows.timestamptz;

import io.clientele.platform.Actor;
import io.clientele.platform.PageResult;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one timeline of a customer (table {@code interaction}): changes to the profile now; imports, campaign
 * messages, responses, service requests and survey answers as their features arrive. Every feature records through
 * here, inside its own transaction.
 */
@Service
public class Timeline {
    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {};
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    Timeline(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records an entry that happened now, by whoever is acting.
     *
     * @param summary a short, language-neutral text (a name, a tag, field names); the page labels the kind itself
     * @param details anything worth keeping, stored as a JSON object
     */
    public void record(long customerId, InteractionKind kind, String summary, Map<String, ?> details) {
        record(customerId, kind, null, summary, details);
    }

    /** As {@link #record(long, InteractionKind, String, Map)}, on a contact channel such as EMAIL or SMS. */
    public void record(
            long customerId, InteractionKind kind, @Nullable String channel, String summary, Map<String, ?> details) {
        Actor actor = Actor.current();
        jdbc.sql("""
                        insert into interaction (customer_id, occurred_at, kind, channel, summary, details, source,
                                                 created_by)
                        values (:customerId, :at, :kind, :channel, :summary, cast(:details as jsonb), :source, :by)""")
                .param("customerId", customerId)
                .param("at", timestamptz(clock.instant()))
                .param("kind", kind.name())
                .param("channel", channel)
                .param("summary", summary)
                .param("details", json.writeValueAsString(details))
                .param("source", actor.source())
                .param("by", actor.name())
                .update();
    }

    /** Newest first. */
    public PageResult<Interaction> of(long customerId, int page, int size) {
        int pageSize = PageResult.clampSize(size);
        int pageNumber = Math.max(0, page);
        long total = jdbc.sql("select count(*) from interaction where customer_id = :id")
                .param("id", customerId)
                .query(Long.class)
                .single();
        List<Interaction> items = jdbc.sql("""
                        select id, occurred_at, kind, channel, summary, details::text as details, source, created_by
                        from interaction where customer_id = :id
                        order by occurred_at desc, id desc
                        limit :limit offset :offset""")
                .param("id", customerId)
                .param("limit", pageSize)
                .param("offset", (long) pageNumber * pageSize)
                .query((rs, n) -> new Interaction(
                        rs.getLong("id"),
                        instant(rs, "occurred_at"),
                        InteractionKind.valueOf(rs.getString("kind")),
                        rs.getString("channel"),
                        rs.getString("summary"),
                        json.readValue(rs.getString("details"), DETAILS),
                        rs.getString("source"),
                        rs.getString("created_by")))
                .list();
        return new PageResult<>(items, pageNumber, pageSize, total);
    }
}
