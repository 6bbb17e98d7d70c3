package io.clientele.campaign.audience;

import io.clientele.audit.AuditTrail;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The one contact-pressure policy, changed by a marketing manager or the administrator; launches apply it. */
@Service
public class ContactPolicies {
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    ContactPolicies(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** As the form and the API send it. */
    public record Input(
            @Nullable String maxContacts, @Nullable String windowDays) {}

    public ContactPolicy get() {
        return jdbc.sql("select * from contact_policy where id = 1")
                .query((rs, n) -> new ContactPolicy(
                        rs.getInt("max_contacts"),
                        rs.getInt("window_days"),
                        rs.getString("updated_by"),
                        rs.getTimestamp("updated_at").toInstant()))
                .single();
    }

    /** @throws InvalidInputException naming every wrong field */
    @Transactional
    public ContactPolicy update(Input input, String actor) {
        List<FieldProblem> problems = new ArrayList<>();
        int max = number("maxContacts", input.maxContacts(), 1, 1000, problems);
        int days = number("windowDays", input.windowDays(), 1, 365, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        ContactPolicy before = get();
        if (before.maxContacts() == max && before.windowDays() == days) {
            return before;
        }
        jdbc.sql("""
                        update contact_policy set max_contacts = :max, window_days = :days, updated_by = :actor,
                               updated_at = :now where id = 1""")
                .param("max", max)
                .param("days", days)
                .param("actor", actor)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        audit.record(
                "campaign.policy.updated",
                "contact_policy",
                1,
                Map.of(
                        "from",
                        before.maxContacts() + " in " + before.windowDays() + " days",
                        "to",
                        max + " in " + days + " days"));
        return get();
    }

    private static int number(String field, @Nullable String text, int min, int max, List<FieldProblem> problems) {
        try {
            int value = Integer.parseInt(text == null ? "" : text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(FieldProblem.of(field, "audience.policy.range", min, max));
        return 0;
    }
}
