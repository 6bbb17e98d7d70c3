package io.clientele.membercomms;

import io.clientele.loyalty.MemberJoined;
import io.clientele.loyalty.TiersChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Runs the programmes: loyalty's events after they commit (a new member's welcome, the review's tier changes at once)
 * and every programme on a schedule (statements, expiry warnings, birthdays, newsletters as their day comes; and
 * whatever an event missed, such as one lost to a restart). Triggering is idempotent, so running too often costs a
 * query and sends nothing twice. The schedule is off where jobs are ({@code clientele.jobs.enabled=false}) and with
 * {@code clientele.loyalty.communications=false} (tests trigger themselves).
 */
@Component
class ProgrammeRunner {
    private static final Logger log = LoggerFactory.getLogger(ProgrammeRunner.class);
    private final MemberProgrammes programmes;
    private final boolean scheduled;

    ProgrammeRunner(
            MemberProgrammes programmes,
            @Value("${clientele.jobs.enabled:true}") boolean jobs,
            @Value("${clientele.loyalty.communications:true}") boolean schedule) {
        this.programmes = programmes;
        this.scheduled = jobs && schedule;
    }

    @TransactionalEventListener
    void joined(MemberJoined event) {
        trigger(ProgrammeKind.WELCOME, new Long[] {event.customerId()});
    }

    @TransactionalEventListener
    void tiersChanged(TiersChanged event) {
        trigger(ProgrammeKind.TIER_CHANGE, new Long[0]);
    }

    /** What loyalty committed stands whatever happens here: a failure is logged and the schedule tries again. */
    private void trigger(ProgrammeKind kind, Long[] joined) {
        try {
            programmes.trigger(kind, joined);
        } catch (RuntimeException e) {
            log.warn("Member communications: {} not triggered now, left to the schedule", kind, e);
        }
    }

    @Scheduled(
            fixedDelayString = "${clientele.loyalty.communications-seconds:900}",
            initialDelayString = "${clientele.loyalty.communications-seconds:900}",
            timeUnit = java.util.concurrent.TimeUnit.SECONDS)
    void run() {
        if (!scheduled) {
            return;
        }
        int triggered = 0;
        for (ProgrammeKind kind : programmes.kinds()) {
            triggered += programmes.trigger(kind, new Long[0]);
        }
        if (triggered > 0) {
            log.info("Member communications: {} members triggered", triggered);
        }
    }
}
