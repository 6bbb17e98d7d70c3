package io.clientele.sales;

import io.clientele.audit.AuditTrail;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How leads without an owner are dealt: the default capacity of open leads a salesperson holds, each salesperson's
 * own capacity where it differs (0: none by round-robin), and the seniors who get grade A customers' leads.
 */
@Service
public class LeadSettings {
    public record Settings(
            @Nullable Integer capacity,
            @Nullable List<String> seniors,
            @Nullable Map<String, Integer> capacities) {}

    private final JdbcClient jdbc;
    private final Leads leads;
    private final AuditTrail audit;

    LeadSettings(JdbcClient jdbc, Leads leads, AuditTrail audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.leads = leads;
    }

    public Settings get() {
        Map<String, Integer> capacities = new TreeMap<>();
        jdbc.sql("select username, capacity from lead_capacity").query(rs -> {
            capacities.put(rs.getString(1), rs.getInt(2));
        });
        return jdbc.sql("select capacity, seniors from lead_settings")
                .query((rs, n) -> new Settings(
                        rs.getInt("capacity"),
                        List.of((String[]) rs.getArray("seniors").getArray()),
                        capacities))
                .single();
    }

    /** Replaces the settings; each senior and each user given a capacity must be a salesperson. */
    @Transactional
    public Settings change(Settings input) {
        List<FieldProblem> problems = new ArrayList<>();
        if (input.capacity() == null || input.capacity() < 1 || input.capacity() > 100_000) {
            problems.add(FieldProblem.of("capacity", "validation.between", 1, 100_000));
        }
        List<String> seniors = input.seniors() == null ? List.of() : input.seniors();
        seniors.forEach(s -> leads.ownerProblem(s)
                .map(p -> FieldProblem.of("seniors", p.code(), p.args().toArray()))
                .ifPresent(problems::add));
        Map<String, Integer> capacities = input.capacities() == null ? Map.of() : input.capacities();
        capacities.forEach((user, capacity) -> {
            leads.ownerProblem(user)
                    .map(p -> FieldProblem.of("capacities", p.code(), p.args().toArray()))
                    .ifPresent(problems::add);
            if (capacity == null || capacity < 0 || capacity > 100_000) {
                problems.add(FieldProblem.of("capacities", "validation.between", 0, 100_000));
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        jdbc.sql("update lead_settings set capacity = :capacity, seniors = :seniors")
                .param("capacity", input.capacity())
                .param("seniors", seniors.stream().distinct().toArray(String[]::new))
                .update();
        jdbc.sql("delete from lead_capacity").update();
        jdbc.sql("""
                        insert into lead_capacity (username, capacity)
                        select * from unnest(cast(:users as text[]), cast(:capacities as integer[]))""")
                .param("users", capacities.keySet().toArray(String[]::new))
                .param("capacities", capacities.values().toArray(Integer[]::new))
                .update();
        Settings changed = get();
        audit.record("lead.settings", "lead_settings", "default", Map.of("settings", changed));
        return changed;
    }
}
