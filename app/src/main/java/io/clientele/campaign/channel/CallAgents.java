package io.clientele.campaign.channel;

import io.clientele.audit.AuditTrail;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The call-centre agents: users of the application who take calls, with their region and capacity. */
@Service
public class CallAgents {
    static final int MAX_CAPACITY = 100_000;

    private static final String SELECT = """
            select a.username, u.display_name, a.region_id, r.name as region, a.capacity, a.active
            from call_agent a join app_user u on u.username = a.username left join region r on r.id = a.region_id
            """;

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    CallAgents(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Active agents first, then by user name. */
    public List<CallAgent> all() {
        return jdbc.sql(SELECT + "order by a.active desc, a.username")
                .query(CallAgents::agent)
                .list();
    }

    public Optional<CallAgent> find(String username) {
        return jdbc.sql(SELECT + "where a.username = :username")
                .param("username", username)
                .query(CallAgents::agent)
                .optional();
    }

    public CallAgent get(String username) {
        return find(username).orElseThrow(() -> new NotFoundException("Call agent " + username + " does not exist"));
    }

    /** The regions an agent may belong to, id → name, by name. */
    public Map<Integer, String> regions() {
        Map<Integer, String> regions = new LinkedHashMap<>();
        jdbc.sql("select id, name from region order by name").query(rs -> {
            regions.put(rs.getInt("id"), rs.getString("name"));
        });
        return regions;
    }

    /** Adds the agent or changes it; saving the same values again changes nothing. */
    @Transactional
    public CallAgent save(CallAgentInput input) {
        List<FieldProblem> problems = new ArrayList<>();
        String username = input.username() == null ? "" : input.username().strip();
        if (username.isEmpty()) {
            problems.add(FieldProblem.of("username", "validation.required"));
        } else if (!jdbc.sql("select exists (select 1 from app_user where username = :u and enabled)")
                .param("u", username)
                .query(Boolean.class)
                .single()) {
            problems.add(FieldProblem.of("username", "validation.unknown", username));
        }
        if (input.regionId() != null
                && !jdbc.sql("select exists (select 1 from region where id = :id)")
                        .param("id", input.regionId())
                        .query(Boolean.class)
                        .single()) {
            problems.add(FieldProblem.of("regionId", "validation.unknown", input.regionId()));
        }
        int capacity = input.capacity() == null ? 50 : input.capacity();
        if (capacity < 0 || capacity > MAX_CAPACITY) {
            problems.add(FieldProblem.of("capacity", "channelStep.validation.capacity", MAX_CAPACITY));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        boolean active = input.active() == null || input.active();
        int changed = jdbc.sql("""
                        insert into call_agent (username, region_id, capacity, active)
                        values (:username, :region, :capacity, :active)
                        on conflict (username) do update
                        set region_id = excluded.region_id, capacity = excluded.capacity, active = excluded.active
                        where (call_agent.region_id, call_agent.capacity, call_agent.active)
                              is distinct from (excluded.region_id, excluded.capacity, excluded.active)""")
                .param("username", username)
                .param("region", input.regionId())
                .param("capacity", capacity)
                .param("active", active)
                .update();
        CallAgent saved = get(username);
        if (changed > 0) {
            audit.record(
                    "call_agent.saved",
                    "call_agent",
                    username,
                    Map.of("capacity", capacity, "active", active, "regionId", String.valueOf(input.regionId())));
        }
        return saved;
    }

    private static CallAgent agent(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new CallAgent(
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getObject("region_id", Integer.class),
                rs.getString("region"),
                rs.getInt("capacity"),
                rs.getBoolean("active"));
    }
}
