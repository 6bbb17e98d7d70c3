package io.clientele.customer;

import static io.clientele.platform.db.Rows.instant;
import static io.clientele.platform.db.Rows.timestamptz;

import io.clientele.platform.Actor;
import io.clientele.platform.PageResult;
import io.clientele.platform.db.CopyRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one timeline of a customer (table {@code interaction}): changes to the profile, imports, survey answers,
 * complaints, campaign contacts and responses. Every feature records through here, inside its own transaction: an
 * entry at a time, the same entry for many customers, or a bulk load's entries with COPY.
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

    /**
     * Records the same entry, by whoever is acting, for each of {@code customerIds} (the members a campaign step
     * contacted) in one statement; answers how many.
     */
    public int recordEach(
            long[] customerIds,
            Instant occurredAt,
            InteractionKind kind,
            @Nullable String channel,
            String summary,
            Map<String, ?> details) {
        if (customerIds.length == 0) {
            return 0;
        }
        Actor actor = Actor.current();
        return jdbc.sql("""
                        insert into interaction (customer_id, occurred_at, kind, channel, summary, details, source,
                                                 created_by)
                        select customer_id, :at, :kind, :channel, :summary, cast(:details as jsonb), :source, :by
                        from unnest(:customerIds) as customer_id""")
                .param("customerIds", Arrays.stream(customerIds).boxed().toArray(Long[]::new))
                .param("at", timestamptz(occurredAt))
                .param("kind", kind.name())
                .param("channel", channel)
                .param("summary", summary)
                .param("details", json.writeValueAsString(details))
                .param("source", actor.source())
                .param("by", actor.name())
                .update();
    }

    /**
     * An entry of a bulk load (imports, loaders), which says itself when it happened and where it came from.
     *
     * @param createdBy the user who ran the load, if one did
     */
    public record Entry(
            long customerId,
            Instant occurredAt,
            InteractionKind kind,
            @Nullable String channel,
            String summary,
            Map<String, ?> details,
            String source,
            @Nullable String createdBy) {}

    /**
     * Records the entries with one COPY on the caller's connection, in its transaction (a chunk of an import, a
     * loader's data set); the caller sends a large set a batch at a time.
     */
    public void recordAll(Connection connection, List<Entry> entries) throws SQLException {
        CopyRows rows = new CopyRows();
        for (Entry entry : entries) {
            rows.add(entry.customerId())
                    .add(entry.occurredAt())
                    .add(entry.kind().name())
                    .add(entry.channel())
                    .add(entry.summary())
                    .add(json.writeValueAsString(entry.details()))
                    .add(entry.source())
                    .add(entry.createdBy());
            rows.endRow();
        }
        rows.copyInto(connection, """
                copy interaction (customer_id, occurred_at, kind, channel, summary, details, source, created_by)
                from stdin""");
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
