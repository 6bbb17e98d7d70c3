/**
 * Public forms and events: forms built by marketers (newsletter sign-up, inquiry / service order, event
 * registration) with fields mapped to customer attributes and consents with their wording, served at {@code /f/<slug>}
 * and embeddable in other sites; submissions that create or update a prospect (matched by email, then phone), with
 * marketing consent recorded after a double opt-in by email, an inquiry becoming a service request and a lead for
 * sales where the form says so. Events with sessions and capacities, registrations through a form, check-in on the
 * day (a tablet page and a CSV import of badge scans) and no-shows; the events a campaign step may invite to, and
 * each registration and check-in published for the campaign to count as that step's responses. See docs/forms.md.
 */
@ApplicationModule(allowedDependencies = {"campaign", "customer", "platform", "sales", "service"})
@OwnsTables({
    "event",
    "event_session",
    "event_registration",
    "form",
    "form_field",
    "form_consent",
    "form_secret",
    "form_submission",
    "form_submission_consent",
    "form_mail"
})
@NullMarked
package io.clientele.forms;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
