package io.clientele.campaign.response;

import io.clientele.campaign.EventActivity;
import java.util.List;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records an event's registrations and check-ins as responses of the campaign steps that invited to it. A registration
 * that came through an invitation's link counts for the member the link was signed for; one without (the customer
 * heard of the event elsewhere) counts for every invitation step for the event that has the customer as a sent or a
 * control member, which is what the control group is measured by. One response per registration and kind, however
 * often the registration is submitted or the badge scanned.
 */
@Component
class EventResponses {
    private final JdbcClient jdbc;
    private final TrackingLinks links;
    private final CampaignResponses responses;

    EventResponses(JdbcClient jdbc, TrackingLinks links, CampaignResponses responses) {
        this.jdbc = jdbc;
        this.links = links;
        this.responses = responses;
    }

    @EventListener
    void on(EventActivity activity) {
        Optional<TrackingLinks.Target> invited = activity.source() == null
                ? Optional.empty()
                : links.verifyEventSource(activity.source().strip())
                        .filter(target -> invites(target.stepId(), activity.eventId()));
        if (invited.isPresent()) {
            record(invited.get().stepId(), invited.get().customerId(), activity);
            return;
        }
        List<Long> steps = jdbc.sql("""
                        select distinct s.id from campaign_step s join campaign_member m on m.step_id = s.id
                        where s.event_id = :event and m.customer_id = :customer
                          and (m.send_status = 'SENT' or m.member_group = 'CONTROL')""")
                .param("event", activity.eventId())
                .param("customer", activity.customerId())
                .query(Long.class)
                .list();
        steps.forEach(step -> record(step, activity.customerId(), activity));
    }

    private boolean invites(long stepId, long eventId) {
        return jdbc.sql("select exists (select 1 from campaign_step where id = :step and event_id = :event)")
                .param("step", stepId)
                .param("event", eventId)
                .query(Boolean.class)
                .single();
    }

    private void record(long stepId, long customerId, EventActivity activity) {
        responses.record(new CampaignResponses.Response(
                stepId,
                customerId,
                activity.kind(),
                activity.at(),
                "registration " + activity.registrationId(),
                null,
                "registration:" + activity.registrationId()));
    }
}
