package io.clientele.customer;

import io.clientele.audit.AuditTrail;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** A change made to a customer goes on its timeline and into the audit trail, with the same details. */
@Component
class CustomerHistory {
    private final Timeline timeline;
    private final AuditTrail audit;

    CustomerHistory(Timeline timeline, AuditTrail audit) {
        this.timeline = timeline;
        this.audit = audit;
    }

    void record(
            long customerId, InteractionKind kind, @Nullable String channel, String summary, Map<String, ?> details) {
        timeline.record(customerId, kind, channel, summary, details);
        audit.record("customer." + kind.name().toLowerCase(Locale.ROOT), "customer", customerId, details);
    }

    void record(long customerId, InteractionKind kind, String summary, Map<String, ?> details) {
        record(customerId, kind, null, summary, details);
    }
}
