package io.clientele.sales;

import io.clientele.customer.InteractionKind;
import io.clientele.customer.Timeline;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tasks for named users about customers, created in bulk: each customer's task goes to one of the users (dealt by the
 * customer's id, so a retry gives it to the same user), once per origin and customer, with a timeline entry.
 */
@Service
public class Tasks {
    private final JdbcClient jdbc;
    private final Timeline timeline;
    private final Clock clock;

    Tasks(JdbcClient jdbc, Timeline timeline, Clock clock) {
        this.jdbc = jdbc;
        this.timeline = timeline;
        this.clock = clock;
    }

    /** A hand-over to a group (FOLLOW_UP); leads are {@link Leads} (the migration to them turned LEAD tasks into leads). */
    public enum Kind {
        FOLLOW_UP
    }

    /**
     * Creates one task per customer (the same index in {@code customers} and {@code origins}) for one of
     * {@code users}, unless that origin gave the customer one already; answers the customers given a task now.
     *
     * @param origin what created each task, e.g. a journey node and the customer's entry
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long[] assign(
            Kind kind,
            String title,
            List<String> users,
            @Nullable Long campaignId,
            long[] customers,
            String[] origins,
            Instant at) {
        if (customers.length == 0) {
            return customers;
        }
        long[] created = jdbc
                .sql("""
                        insert into task (customer_id, kind, title, assignee, campaign_id, origin, created_at)
                        select c.customer_id, :kind, :title, (:users)[1 + mod(c.customer_id, :n)], :campaign,
                               c.origin, :at
                        from unnest(:customers, :origins) as c(customer_id, origin)
                        on conflict (origin, customer_id) do nothing
                        returning customer_id""")
                .param("kind", kind.name())
                .param("title", title)
                .param("users", users.toArray(String[]::new))
                .param("n", users.size())
                .param("campaign", campaignId)
                .param("customers", Arrays.stream(customers).boxed().toArray(Long[]::new))
                .param("origins", origins)
                .param("at", Timestamp.from(at))
                .query(Long.class)
                .list()
                .stream()
                .mapToLong(Long::longValue)
                .toArray();
        timeline.recordEach(
                created,
                at,
                InteractionKind.TASK_CREATED,
                null,
                title,
                campaignId == null
                        ? Map.of("task", kind.name())
                        : Map.of("task", kind.name(), "campaignId", campaignId));
        return created;
    }

    /** A customer's tasks, newest first: kind, title, assignee, status. */
    public List<Task> of(long customerId) {
        return jdbc.sql("""
                        select id, kind, title, assignee, campaign_id, status, created_at from task
                        where customer_id = :id order by created_at desc, id desc limit 100""")
                .param("id", customerId)
                .query((rs, n) -> new Task(
                        rs.getLong("id"),
                        Kind.valueOf(rs.getString("kind")),
                        rs.getString("title"),
                        rs.getString("assignee"),
                        rs.getObject("campaign_id", Long.class),
                        rs.getString("status"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    public record Task(
            long id,
            Kind kind,
            String title,
            String assignee,
            @Nullable Long campaignId,
            String status,
            Instant createdAt) {}
}
