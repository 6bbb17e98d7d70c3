package io.clientele.journey;

import io.clientele.forms.FormSubmitted;
import java.sql.Timestamp;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code journey_form_submission}, what form-submission entries read in their set-based statement, from the
 * forms feature's {@link FormSubmitted}: one row per form and customer, with the latest submission's time.
 */
@Component
class FormSubmissionFeed {
    private final JdbcClient jdbc;

    FormSubmissionFeed(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void submitted(FormSubmitted event) {
        jdbc.sql("""
                        insert into journey_form_submission (form_id, customer_id, submitted_at)
                        values (:form, :customer, :at)
                        on conflict (form_id, customer_id) do update set submitted_at = excluded.submitted_at""")
                .param("form", event.formId())
                .param("customer", event.customerId())
                .param("at", Timestamp.from(event.submittedAt()))
                .update();
    }
}
