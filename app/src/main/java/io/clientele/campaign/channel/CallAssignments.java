package io.clientele.campaign.channel;

import io.clientele.campaign.CampaignStep;
import io.clientele.campaign.CampaignStep.CallAssignment;
import io.clientele.campaign.CampaignSteps;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.StepFrozen;
import io.clientele.platform.ConflictException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shares a call step's list among the active agents: by region (round-robin among the agents of the customer's
 * region, and among all agents for customers of a region without one), round-robin, or by capacity (in proportion to
 * each agent's capacity for the list, no agent above it; what does not fit stays unassigned). Only pending members
 * without an agent are assigned, so assigning again changes nothing and agents added later take what is left.
 */
@Service
public class CallAssignments {
    /** How a step's list stands: calls per agent (pending and done), and the pending calls nobody has. */
    public record Summary(long stepId, CallAssignment mode, List<AgentLoad> agents, long unassigned) {}

    public record AgentLoad(String agent, boolean active, int capacity, long pending, long done) {}

    private final JdbcClient jdbc;
    private final CampaignSteps steps;
    private final JsonMapper json;

    CallAssignments(JdbcClient jdbc, CampaignSteps steps, JsonMapper json) {
        this.jdbc = jdbc;
        this.steps = steps;
        this.json = json;
    }

    /** Inside the transaction that froze the step: its list is assigned with the freeze, or not at all. */
    @EventListener
    void frozen(StepFrozen event) {
        if (event.channel() == StepChannel.CALL) {
            assign(event.stepId());
        }
    }

    /** Assigns the step's unassigned pending calls; returns how many were assigned. */
    @Transactional
    public int assign(long stepId) {
        CampaignStep step = callStep(stepId);
        // one assignment of a step at a time, so two clicks do not deal the same calls twice
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('call_assignment', :step))")
                .param("step", stepId)
                .query()
                .singleRow();
        return switch (mode(step)) {
            case ROUND_ROBIN -> roundRobin(stepId);
            case REGION -> byRegion(stepId);
            case CAPACITY -> byCapacity(stepId);
        };
    }

    /**
     * Takes the pending calls away from agents who are no longer active and assigns them (with the calls nobody has)
     * again among the active agents.
     */
    @Transactional
    public int reassign(long stepId) {
        callStep(stepId);
        jdbc.sql("""
                        update campaign_member m set agent = null
                        where m.step_id = :step and m.send_status = 'PENDING' and m.agent is not null
                          and not exists (select 1 from call_agent a where a.username = m.agent and a.active)""").param("step", stepId).update();
        return assign(stepId);
    }

    public Summary summary(long stepId) {
        CampaignStep step = callStep(stepId);
        List<AgentLoad> agents = jdbc.sql("""
                        select coalesce(a.username, m.agent) as agent, coalesce(a.active, false) as active,
                               coalesce(a.capacity, 0) as capacity,
                               count(m.customer_id) filter (where m.send_status = 'PENDING') as pending,
                               count(m.customer_id) filter (where m.send_status <> 'PENDING') as done
                        from (select * from campaign_member where step_id = :step and agent is not null) m
                        full join call_agent a on a.username = m.agent
                        group by 1, 2, 3
                        order by 1""")
                .param("step", stepId)
                .query((rs, row) -> new AgentLoad(
                        rs.getString("agent"),
                        rs.getBoolean("active"),
                        rs.getInt("capacity"),
                        rs.getLong("pending"),
                        rs.getLong("done")))
                .list();
        long unassigned = jdbc.sql("""
                        select count(*) from campaign_member
                        where step_id = :step and send_status = 'PENDING' and agent is null""").param("step", stepId).query(Long.class).single();
        return new Summary(stepId, mode(step), agents, unassigned);
    }

    private CampaignStep callStep(long stepId) {
        CampaignStep step = steps.get(stepId);
        if (step.channel() != StepChannel.CALL) {
            throw new ConflictException("Step " + stepId + " is not a call step");
        }
        return step;
    }

    private static CallAssignment mode(CampaignStep step) {
        return step.assignment() == null ? CallAssignment.ROUND_ROBIN : step.assignment();
    }

    private static final String TODO = """
            select m.customer_id, c.region_id from campaign_member m join customer c on c.id = m.customer_id
            where m.step_id = :step and m.send_status = 'PENDING' and m.agent is null""";

    private int roundRobin(long stepId) {
        return jdbc.sql("""
                        with agents as (select array_agg(username order by username) as names
                                        from call_agent where active),
                             todo as (select customer_id, row_number() over (order by customer_id) - 1 as n
                                      from (%s) t)
                        update campaign_member m set agent = a.names[(t.n %% cardinality(a.names))::int + 1]
                        from todo t, agents a
                        where m.step_id = :step and m.customer_id = t.customer_id
                          and cardinality(a.names) > 0""".formatted(TODO)).param("step", stepId).update();
    }

    private int byRegion(long stepId) {
        return jdbc.sql("""
                        with everyone as (select array_agg(username order by username) as names
                                          from call_agent where active),
                             regional as (select region_id, array_agg(username order by username) as names
                                          from call_agent where active and region_id is not null
                                          group by region_id),
                             todo as (select t.customer_id, coalesce(r.names, e.names) as names,
                                             row_number() over (partition by r.region_id order by t.customer_id) - 1
                                                 as n
                                      from (%s) t cross join everyone e
                                      left join regional r on r.region_id = t.region_id)
                        update campaign_member m set agent = t.names[(t.n %% cardinality(t.names))::int + 1]
                        from todo t
                        where m.step_id = :step and m.customer_id = t.customer_id
                          and cardinality(t.names) > 0""".formatted(TODO)).param("step", stepId).update();
    }

    /** Quotas in proportion to what each agent can still take of this list (largest remainders), dealt as slots. */
    private int byCapacity(long stepId) {
        Map<String, Integer> room = new LinkedHashMap<>();
        jdbc.sql("""
                        select a.username, greatest(a.capacity - count(m.customer_id), 0) as room
                        from call_agent a
                        left join campaign_member m on m.step_id = :step and m.agent = a.username
                        where a.active
                        group by a.username, a.capacity
                        order by a.username""").param("step", stepId).query(rs -> {
            room.put(rs.getString(1), rs.getInt(2));
        });
        long todo = jdbc.sql("select count(*) from (" + TODO + ") t")
                .param("step", stepId)
                .query(Long.class)
                .single();
        Map<String, Integer> quotas = quotas(room, todo);
        List<Map<String, Object>> slots = new ArrayList<>();
        quotas.forEach((agent, quota) -> {
            if (quota > 0) {
                slots.add(Map.of("agent", agent, "quota", quota));
            }
        });
        if (slots.isEmpty()) {
            return 0;
        }
        // slot g of an agent with quota q sits at (g - ½) / q: the agents' calls interleave along the list
        return jdbc.sql("""
                        with quota as (select * from jsonb_to_recordset(cast(:slots as jsonb))
                                                     as q(agent text, quota int)),
                             slot as (select q.agent, row_number() over (order by (g - 0.5) / q.quota, q.agent) - 1
                                                          as n
                                      from quota q cross join generate_series(1, q.quota) g),
                             todo as (select customer_id, row_number() over (order by customer_id) - 1 as n
                                      from (%s) t)
                        update campaign_member m set agent = s.agent
                        from todo t join slot s on s.n = t.n
                        where m.step_id = :step and m.customer_id = t.customer_id""".formatted(TODO))
                .param("step", stepId)
                .param("slots", json.writeValueAsString(slots))
                .update();
    }

    /**
     * Shares {@code calls} among agents in proportion to their room, none above it: everyone's room when the calls
     * fill it, otherwise the floors of the exact shares plus one for the largest remainders (ties by name).
     */
    static Map<String, Integer> quotas(Map<String, Integer> room, long calls) {
        long total = room.values().stream().mapToLong(Integer::longValue).sum();
        Map<String, Integer> quotas = new LinkedHashMap<>();
        if (calls >= total) {
            quotas.putAll(room);
            return quotas;
        }
        long given = 0;
        List<Map.Entry<String, Long>> remainders = new ArrayList<>();
        for (Map.Entry<String, Integer> agent : room.entrySet()) {
            long exact = calls * agent.getValue();
            int floor = (int) (exact / total);
            quotas.put(agent.getKey(), floor);
            given += floor;
            remainders.add(Map.entry(agent.getKey(), exact % total));
        }
        remainders.sort(
                Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        for (int i = 0; i < calls - given; i++) {
            quotas.merge(remainders.get(i).getKey(), 1, Integer::sum);
        }
        return quotas;
    }
}
