package io.clientele.service;

import static io.clientele.platform.InputFields.trimmed;

import io.clientele.audit.AuditTrail;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The service desk's settings: each queue's agents, escalation manager and notify address; the SLA targets. */
@Service
public class ServiceSettings {
    public record QueueSettings(
            int id,
            String name,
            List<String> agents,
            @Nullable String escalateTo,
            @Nullable String notifyEmail) {}

    public record QueueInput(
            @Nullable List<String> agents,
            @Nullable String escalateTo,
            @Nullable String notifyEmail) {}

    /** The targets of one priority, in minutes from a request's creation. */
    public record Target(
            @Nullable String priority,
            @Nullable Integer firstResponseMinutes,
            @Nullable Integer resolutionMinutes) {}

    private final JdbcClient jdbc;
    private final ServiceRequests requests;
    private final AuditTrail audit;

    ServiceSettings(JdbcClient jdbc, ServiceRequests requests, AuditTrail audit) {
        this.jdbc = jdbc;
        this.requests = requests;
        this.audit = audit;
    }

    public List<QueueSettings> queues() {
        return jdbc.sql("""
                        select q.id, q.name, q.escalate_to, q.notify_email,
                               array(select a.username from service_queue_agent a where a.queue_id = q.id
                                     order by a.username) as agents
                        from service_queue q order by q.id""")
                .query((rs, n) -> new QueueSettings(
                        rs.getInt("id"),
                        rs.getString("name"),
                        Arrays.asList((String[]) rs.getArray("agents").getArray()),
                        rs.getString("escalate_to"),
                        rs.getString("notify_email")))
                .list();
    }

    /** Changes a queue, all or none: every agent and the manager must be service users, the address an address. */
    @Transactional
    public QueueSettings changeQueue(int id, QueueInput input) {
        if (queues().stream().noneMatch(q -> q.id() == id)) {
            throw new NotFoundException("No queue " + id);
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<String> agents = input.agents() == null ? List.of() : input.agents();
        if (agents.size() > 200) {
            problems.add(FieldProblem.of("agents", "validation.between", 0, 200));
        }
        for (int i = 0; i < agents.size() && agents.size() <= 200; i++) {
            requests.agentProblem("agents[" + i + "]", agents.get(i)).ifPresent(problems::add);
        }
        if (trimmed(input.escalateTo()) != null) {
            requests.agentProblem("escalateTo", input.escalateTo()).ifPresent(problems::add);
        }
        String notify = trimmed(input.notifyEmail());
        if (notify != null
                && (notify.length() > 200
                        || !ServiceRequests.EMAIL.matcher(notify).matches())) {
            problems.add(FieldProblem.of("notifyEmail", "validation.email"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        jdbc.sql("update service_queue set escalate_to = :m, notify_email = :e where id = :id")
                .param("m", trimmed(input.escalateTo()))
                .param("e", notify)
                .param("id", id)
                .update();
        jdbc.sql("delete from service_queue_agent where queue_id = :id")
                .param("id", id)
                .update();
        jdbc.sql("""
                        insert into service_queue_agent (queue_id, username)
                        select :id, u from unnest(cast(:agents as text[])) as u on conflict do nothing""")
                .param("id", id)
                .param("agents", agents.stream().map(String::strip).toArray(String[]::new))
                .update();
        audit.record("service.queue.changed", "service_queue", id, Map.of("agents", agents));
        return queues().stream().filter(q -> q.id() == id).findFirst().orElseThrow();
    }

    List<Target> targets() {
        return jdbc.sql("""
                        select priority, first_response_minutes, resolution_minutes from service_sla
                        order by array_position(array['URGENT', 'HIGH', 'NORMAL', 'LOW'], priority)""")
                .query((rs, n) -> new Target(
                        rs.getString("priority"), rs.getInt("first_response_minutes"), rs.getInt("resolution_minutes")))
                .list();
    }

    /** Replaces the targets: every priority once, minutes 1..525,600, resolution no sooner than first response. */
    @Transactional
    List<Target> changeTargets(List<Target> targets) {
        List<FieldProblem> problems = new ArrayList<>();
        Set<Priority> seen = EnumSet.noneOf(Priority.class);
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            String at = "[" + i + "].";
            Priority p =
                    io.clientele.platform.InputFields.oneOf(at + "priority", t.priority(), Priority.class, problems);
            if (p != null && !seen.add(p)) {
                problems.add(FieldProblem.of(at + "priority", "validation.duplicate"));
            }
            minutes(problems, at + "firstResponseMinutes", t.firstResponseMinutes());
            minutes(problems, at + "resolutionMinutes", t.resolutionMinutes());
            if (t.firstResponseMinutes() != null
                    && t.resolutionMinutes() != null
                    && t.resolutionMinutes() < t.firstResponseMinutes()) {
                problems.add(FieldProblem.of(at + "resolutionMinutes", "validation.atLeast", t.firstResponseMinutes()));
            }
        }
        if (problems.isEmpty() && seen.size() != Priority.values().length) {
            problems.add(FieldProblem.of("priority", "validation.everyPriority"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        for (Target t : targets) {
            jdbc.sql("""
                            update service_sla set first_response_minutes = :f, resolution_minutes = :r
                            where priority = :p""")
                    .param("f", t.firstResponseMinutes())
                    .param("r", t.resolutionMinutes())
                    .param("p", t.priority().strip().toUpperCase(java.util.Locale.ROOT))
                    .update();
        }
        audit.record("service.sla.changed", "service_sla", "*", Map.of("targets", targets.toString()));
        return targets();
    }

    private static void minutes(List<FieldProblem> problems, String field, @Nullable Integer minutes) {
        if (minutes == null || minutes < 1 || minutes > 525_600) {
            problems.add(FieldProblem.of(field, "validation.between", 1, 525_600));
        }
    }
}
