package io.clientele.service;

import io.clientele.audit.AuditTrail;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Escalates active requests whose next SLA target passed: each once, to its queue's escalation manager (else the
 * first enabled service manager), with an ESCALATION notice on the request that {@link ServiceMail} sends to the
 * queue's notify address. Rows are claimed with SKIP LOCKED, so two nodes escalate each request once.
 */
@Component
class Escalations {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditTrail audit;
    private final ServiceProperties properties;

    Escalations(JdbcClient jdbc, Clock clock, AuditTrail audit, ServiceProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.properties = properties;
    }

    @Scheduled(
            fixedDelayString = "${clientele.service.escalation-seconds:60}",
            initialDelayString = "${clientele.service.escalation-seconds:60}",
            timeUnit = java.util.concurrent.TimeUnit.SECONDS)
    void scheduled() {
        escalateBreached();
    }

    private record Escalated(
            long id, String subject, String manager, String previous, String notifyEmail, String breach) {}

    /** Escalates what is breached now; answers the requests escalated. */
    @Transactional
    public List<Long> escalateBreached() {
        Timestamp now = Timestamp.from(clock.instant());
        List<Escalated> escalated = jdbc.sql("""
                        with breached as (
                            select r.id, r.assignee as previous, q.notify_email,
                                   coalesce(q.escalate_to,
                                            (select u.username from app_user u where u.role = 'SERVICE_MANAGER'
                                             and u.enabled order by u.username limit 1)) as manager,
                                   case when r.first_responded_at is null and r.first_response_due < :now
                                        then 'FIRST_RESPONSE' else 'RESOLUTION' end as breach
                            from service_request r join service_queue q on q.id = r.queue_id
                            where r.due_at < :now and r.escalated_at is null
                            for update of r skip locked)
                        update service_request r set escalated_at = :now, updated_at = :now,
                                                     assignee = coalesce(b.manager, r.assignee)
                        from breached b where r.id = b.id
                        returning r.id, r.subject, r.assignee, b.previous, b.notify_email, b.breach""")
                .param("now", now)
                .query((rs, n) -> new Escalated(
                        rs.getLong("id"),
                        rs.getString("subject"),
                        rs.getString("assignee"),
                        rs.getString("previous"),
                        rs.getString("notify_email"),
                        rs.getString("breach")))
                .list();
        for (Escalated e : escalated) {
            String body = "SLA breached (" + e.breach() + "): #" + e.id() + " " + e.subject() + " — reassigned from "
                    + (e.previous() == null ? "nobody" : e.previous()) + " to "
                    + (e.manager() == null ? "nobody" : e.manager());
            jdbc.sql("""
                            insert into service_message (request_id, kind, body, author, to_address, message_id,
                                                         send_status, created_at)
                            values (:id, 'ESCALATION', :body, 'system', :to, :messageId, :status, :now)""")
                    .param("id", e.id())
                    .param("body", body)
                    .param("to", e.notifyEmail())
                    .param(
                            "messageId",
                            e.notifyEmail() == null ? null : "<e" + e.id() + "@" + properties.mailDomain() + ">")
                    .param("status", e.notifyEmail() == null ? null : "PENDING")
                    .param("now", now)
                    .update();
            audit.recordAs(
                    "system",
                    "service.request.escalated",
                    "service_request",
                    e.id(),
                    Map.of("breach", e.breach(), "to", e.manager() == null ? "" : e.manager()));
        }
        return escalated.stream().map(Escalated::id).toList();
    }
}
