package io.clientele.customer;

import static io.clientele.platform.db.Rows.timestamptz;

import io.clientele.identity.UserAccounts;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * One change to many customers in one statement (a journey's actions): an owner assigned, a custom attribute set.
 * Each customer whose profile changed gets an EDITED timeline entry; the rules are the form's (an enabled user, an
 * attribute key segments can name, at most the attributes a profile holds).
 */
@Service
public class CustomerBulkEdits {
    private final JdbcClient jdbc;
    private final UserAccounts users;
    private final Timeline timeline;
    private final JsonMapper json;
    private final Clock clock;

    CustomerBulkEdits(JdbcClient jdbc, UserAccounts users, Timeline timeline, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.timeline = timeline;
        this.json = json;
        this.clock = clock;
    }

    /** What is wrong with assigning this owner (field {@code username}); empty when it may be. */
    public List<FieldProblem> ownerProblems(String username) {
        return users.all().stream().anyMatch(u -> u.username().equals(username) && u.enabled())
                ? List.of()
                : List.of(FieldProblem.of("username", "validation.unknown", username));
    }

    /** What is wrong with setting this attribute (fields {@code key}, {@code value}); empty when it may be. */
    public List<FieldProblem> attributeProblems(String key, String value) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldProblem problem : CustomAttributes.check(Map.of(key, value))) {
            problems.add(new FieldProblem(
                    problem.code().equals("validation.attributeKey") ? "key" : "value",
                    problem.code(),
                    problem.args()));
        }
        return problems;
    }

    /** Makes {@code username} the owner of those of the customers who have another; answers how many changed. */
    @Transactional
    public int assignOwner(long[] customerIds, String username) {
        checked(ownerProblems(username));
        long[] changed = jdbc
                .sql("""
                        update customer set owner_username = :owner, updated_at = :now
                        where id = any(:ids) and owner_username is distinct from :owner returning id""")
                .param("ids", Arrays.stream(customerIds).boxed().toArray(Long[]::new))
                .param("owner", username)
                .param("now", timestamptz(clock.instant()))
                .query(Long.class)
                .list()
                .stream()
                .mapToLong(Long::longValue)
                .toArray();
        timeline.recordEach(
                changed,
                clock.instant(),
                InteractionKind.EDITED,
                null,
                "owner: " + username,
                Map.of("owner", username));
        return changed.length;
    }

    /**
     * Sets the text attribute on those of the customers whose value differs, unless a customer would hold more
     * attributes than a profile may; answers how many changed.
     */
    @Transactional
    public int setAttribute(long[] customerIds, String key, String value) {
        checked(attributeProblems(key, value));
        long[] changed = jdbc
                .sql("""
                        update customer set custom_attributes = custom_attributes || cast(:attribute as jsonb),
                                            updated_at = :now
                        where id = any(:ids) and custom_attributes -> :key is distinct from to_jsonb(cast(:value as text))
                          and (custom_attributes -> :key is not null
                               or (select count(*) from jsonb_object_keys(custom_attributes)) < :max)
                        returning id""")
                .param("ids", Arrays.stream(customerIds).boxed().toArray(Long[]::new))
                .param("attribute", json.writeValueAsString(Map.of(key, value)))
                .param("key", key)
                .param("value", value)
                .param("max", CustomAttributes.MAX_ATTRIBUTES)
                .param("now", timestamptz(clock.instant()))
                .query(Long.class)
                .list()
                .stream()
                .mapToLong(Long::longValue)
                .toArray();
        timeline.recordEach(
                changed, clock.instant(), InteractionKind.EDITED, null, key + ": " + value, Map.of(key, value));
        return changed.length;
    }

    private static void checked(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
