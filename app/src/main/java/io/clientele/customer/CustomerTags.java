package io.clientele.customer;

import static io.clientele.platform.db.Rows.timestamptz;

import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Free-text tags on customers, normalised (trimmed, lower case, single spaces) so that "VIP " and "vip" are one
 * tag. A tag is 1 to 40 letters, digits, spaces and {@code - _ . :} — no slash, since it travels in URL paths.
 */
@Service
public class CustomerTags {
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N} _.:-]{1,40}");
    private final JdbcClient jdbc;
    private final CustomerEditor editor;
    private final CustomerHistory history;
    private final Timeline timeline;
    private final Clock clock;

    CustomerTags(JdbcClient jdbc, CustomerEditor editor, CustomerHistory history, Timeline timeline, Clock clock) {
        this.timeline = timeline;
        this.jdbc = jdbc;
        this.editor = editor;
        this.history = history;
        this.clock = clock;
    }

    /** @throws InvalidInputException (field {@code tag}) when the text is not a valid tag */
    public static String normalise(String text) {
        String tag = text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (!TAG.matcher(tag).matches()) {
            throw new InvalidInputException(FieldProblem.of("tag", "validation.tag"));
        }
        return tag;
    }

    /** Adds the tag unless the customer has it already; answers the normalised tag. */
    @Transactional
    public String add(long customerId, String text) {
        String tag = normalise(text);
        editor.lock(customerId);
        int added = jdbc.sql("""
                        insert into customer_tag (customer_id, tag, added_at, added_by) values (:id, :tag, :at, :by)
                        on conflict do nothing""")
                .param("id", customerId)
                .param("tag", tag)
                .param("at", timestamptz(clock.instant()))
                .param("by", Actor.current().name())
                .update();
        if (added > 0) {
            history.record(customerId, InteractionKind.TAG_ADDED, tag, Map.of("tag", tag));
        }
        return tag;
    }

    /** Removes the tag if the customer has it. */
    @Transactional
    public void remove(long customerId, String text) {
        String tag = normalise(text);
        editor.lock(customerId);
        int removed = jdbc.sql("delete from customer_tag where customer_id = :id and tag = :tag")
                .param("id", customerId)
                .param("tag", tag)
                .update();
        if (removed > 0) {
            history.record(customerId, InteractionKind.TAG_REMOVED, tag, Map.of("tag", tag));
        }
    }

    /**
     * Adds the tag to those of the customers who lack it, in one statement, with a timeline entry each (bulk work such
     * as a journey's action: no per-customer lock, the conflict clause keeps a tag once); answers how many gained it.
     */
    @Transactional
    public int addToAll(long[] customerIds, String text) {
        String tag = normalise(text);
        Actor actor = Actor.current();
        long[] added = jdbc
                .sql("""
                        insert into customer_tag (customer_id, tag, added_at, added_by)
                        select id, :tag, :at, :by from unnest(:ids) as id
                        on conflict do nothing returning customer_id""")
                .param("ids", Arrays.stream(customerIds).boxed().toArray(Long[]::new))
                .param("tag", tag)
                .param("at", timestamptz(clock.instant()))
                .param("by", actor.name())
                .query(Long.class)
                .list()
                .stream()
                .mapToLong(Long::longValue)
                .toArray();
        timeline.recordEach(added, clock.instant(), InteractionKind.TAG_ADDED, null, tag, Map.of("tag", tag));
        return added.length;
    }

    /** Removes the tag from those of the customers who have it, in one statement, with a timeline entry each. */
    @Transactional
    public int removeFromAll(long[] customerIds, String text) {
        String tag = normalise(text);
        long[] removed = jdbc
                .sql("""
                        delete from customer_tag where customer_id = any(:ids) and tag = :tag returning customer_id""")
                .param("ids", Arrays.stream(customerIds).boxed().toArray(Long[]::new))
                .param("tag", tag)
                .query(Long.class)
                .list()
                .stream()
                .mapToLong(Long::longValue)
                .toArray();
        timeline.recordEach(removed, clock.instant(), InteractionKind.TAG_REMOVED, null, tag, Map.of("tag", tag));
        return removed.length;
    }

    public List<String> of(long customerId) {
        return jdbc.sql("select tag from customer_tag where customer_id = :id order by tag")
                .param("id", customerId)
                .query(String.class)
                .list();
    }

    /** The most used tags, for suggestions while typing. */
    public List<String> popular(int limit) {
        return jdbc.sql("select tag from customer_tag group by tag order by count(*) desc, tag limit :limit")
                .param("limit", limit)
                .query(String.class)
                .list();
    }
}
