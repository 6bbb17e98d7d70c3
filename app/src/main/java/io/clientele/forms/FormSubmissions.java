package io.clientele.forms;

import static io.clientele.platform.db.Rows.instant;
import static io.clientele.platform.db.Rows.nullableInstant;
import static io.clientele.platform.db.Rows.timestamptz;

import io.clientele.customer.ConsentChannel;
import io.clientele.customer.Consents;
import io.clientele.customer.CustomerEditor;
import io.clientele.customer.CustomerInput;
import io.clientele.customer.CustomerProfile;
import io.clientele.customer.Customers;
import io.clientele.customer.InteractionKind;
import io.clientele.customer.Timeline;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.PageResult;
import io.clientele.platform.StorableText;
import io.clientele.sales.LeadSource;
import io.clientele.sales.Leads;
import io.clientele.service.RequestChannel;
import io.clientele.service.ServiceRequests;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a visitor's submission of a public form does, in one transaction (nothing partial): the one-time token is
 * claimed (a retried POST answers the submission stored under it); the person is matched to a customer by email, else
 * by phone, whose empty fields the submission fills (an unauthenticated form is no proof of identity, so a value
 * stored is never replaced, and a blank never clears one), or becomes a new prospect; the consents ticked are kept
 * with their wording and recorded on the customer only when the emailed link confirms them (double opt-in); an
 * inquiry becomes a service request, a registration takes a seat, and the form may make a lead for sales. A new
 * submission is published ({@link FormSubmitted}) in its transaction: journeys entered by the form listen.
 */
@Service
public class FormSubmissions {
    /** A submission as the form's list and the API show it. */
    public record Submission(
            long id,
            long formId,
            @Nullable Long customerId,
            boolean newCustomer,
            Map<String, Object> answers,
            List<String> consents,
            Instant submittedAt,
            @Nullable Instant confirmedAt,
            @Nullable Long serviceRequestId,
            @Nullable Long leadId) {}

    /** What a visitor's POST came to. */
    public sealed interface Outcome {}

    /** Stored (or, for a retried POST, stored before); {@code confirm} when a confirmation mail is on its way. */
    public record Stored(Submission submission, boolean replayed, boolean confirm) implements Outcome {}

    /** The page expired or was not ours: nothing stored, the form is shown again with a fresh token. */
    public record Expired() implements Outcome {}

    /** What a confirmation link came to. */
    public enum Confirmation {
        CONFIRMED,
        ALREADY_CONFIRMED,
        BAD_LINK
    }

    private final JdbcClient jdbc;
    private final Forms forms;
    private final Events events;
    private final FormTokens tokens;
    private final Customers customers;
    private final CustomerEditor editor;
    private final Consents consents;
    private final Timeline timeline;
    private final ServiceRequests requests;
    private final Leads leads;
    private final FormsProperties properties;
    private final JsonMapper json;
    private final ApplicationEventPublisher published;
    private final Clock clock;

    FormSubmissions(
            JdbcClient jdbc,
            Forms forms,
            Events events,
            FormTokens tokens,
            Customers customers,
            CustomerEditor editor,
            Consents consents,
            Timeline timeline,
            ServiceRequests requests,
            Leads leads,
            FormsProperties properties,
            JsonMapper json,
            ApplicationEventPublisher published,
            Clock clock) {
        this.jdbc = jdbc;
        this.forms = forms;
        this.events = events;
        this.tokens = tokens;
        this.customers = customers;
        this.editor = editor;
        this.consents = consents;
        this.timeline = timeline;
        this.requests = requests;
        this.leads = leads;
        this.properties = properties;
        this.json = json;
        this.published = published;
        this.clock = clock;
    }

    /** A fresh one-time token for a page of the form. */
    public String token(Forms.Form form) {
        return tokens.submissionToken(form.id());
    }

    /**
     * Stores a visitor's submission of the form.
     *
     * @param values the posted fields by name: the attributes' {@link FieldAttribute#param()}, {@code consent.<CHANNEL>}
     *     ({@code on} when ticked), {@code session} for a registration, {@code source} (the hidden campaign source)
     * @throws InvalidInputException naming every wrong field (a full session names {@code session}); nothing stored
     */
    @Transactional
    public Outcome submit(
            Forms.Form form, @Nullable String token, Map<String, String> values, @Nullable String address) {
        if (token == null || !tokens.validSubmissionToken(form.id(), token)) {
            return new Expired();
        }
        // two copies of one POST arriving together: the second waits here, then finds the first's submission
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:token, 7))")
                .param("token", token)
                .query()
                .listOfRows();
        Optional<Long> stored = jdbc.sql("select id from form_submission where token = :token")
                .param("token", token)
                .query(Long.class)
                .optional();
        if (stored.isPresent()) {
            boolean mailed = jdbc.sql("select exists (select 1 from form_mail where submission_id = :id)")
                    .param("id", stored.get())
                    .query(Boolean.class)
                    .single();
            return new Stored(find(form.id(), stored.get()), true, mailed);
        }
        Checked checked = check(form, values);
        Instant now = clock.instant();
        CustomerInput given = checked.customer();
        Optional<Long> match = customers.idOfContact(given.email(), given.phone());
        long customerId;
        if (match.isPresent()) {
            customerId = match.get();
            CustomerInput before =
                    customers.profile(customerId).map(CustomerProfile::toInput).orElseThrow();
            CustomerInput filled = fillGaps(before, given);
            if (!filled.equals(before)) {
                editor.update(customerId, filled);
            }
        } else {
            customerId = editor.create(given);
        }
        Map<String, Object> answers = new LinkedHashMap<>(checked.answers());
        if (checked.source() != null) {
            answers.put("source", checked.source());
        } else if (form.source() != null) {
            answers.put("source", form.source());
        }
        long id = jdbc.sql("""
                        insert into form_submission (form_id, token, customer_id, new_customer, answers, client_address,
                                                     submitted_at)
                        values (:form, :token, :customer, :new, cast(:answers as jsonb), :address, :now)
                        returning id""")
                .param("form", form.id())
                .param("token", token)
                .param("customer", customerId)
                .param("new", match.isEmpty())
                .param("answers", json.writeValueAsString(answers))
                .param("address", address)
                .param("now", timestamptz(now))
                .query(Long.class)
                .single();
        for (Forms.Consent consent : checked.consents()) {
            jdbc.sql("""
                            insert into form_submission_consent (submission_id, channel, wording)
                            values (:id, :channel, :wording)""")
                    .param("id", id)
                    .param("channel", consent.channel().name())
                    .param("wording", consent.wording())
                    .update();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("formId", form.id());
        details.put("submissionId", id);
        if (form.campaignId() != null) {
            details.put("campaignId", form.campaignId());
        }
        timeline.record(customerId, InteractionKind.FORM_SUBMITTED, form.name(), details);
        published.publishEvent(new FormSubmitted(form.id(), customerId, now));
        String actor = "form:" + form.slug();
        Events.Registration registration = null;
        if (form.kind() == FormKind.EVENT) {
            try {
                registration = events.register(
                                checked.sessionId(), customerId, checked.attendeeName(), given.email(), id, (String)
                                        answers.get("source"))
                        .registration();
            } catch (Events.SessionFull e) {
                throw new InvalidInputException(FieldProblem.of("session", "forms.validation.sessionFull"));
            }
        }
        if (form.kind() == FormKind.INQUIRY) {
            long request = requests.create(
                            new ServiceRequests.RequestInput(
                                    customerId,
                                    null,
                                    null,
                                    form.title(),
                                    (String) checked.answers().get(FieldAttribute.MESSAGE.param()),
                                    null,
                                    null,
                                    RequestChannel.FORM.name(),
                                    null,
                                    null,
                                    null,
                                    null),
                            actor,
                            "form-" + id)
                    .request()
                    .id();
            jdbc.sql("update form_submission set service_request_id = :r where id = :id")
                    .param("r", request)
                    .param("id", id)
                    .update();
        }
        if (form.createLead()) {
            long lead = leads.create(
                            new Leads.LeadInput(
                                    customerId,
                                    null,
                                    null,
                                    null,
                                    LeadSource.WEB_FORM.name(),
                                    form.campaignId(),
                                    null,
                                    null,
                                    null,
                                    form.name()),
                            actor,
                            "form-" + id)
                    .lead()
                    .id();
            jdbc.sql("update form_submission set lead_id = :l where id = :id")
                    .param("l", lead)
                    .param("id", id)
                    .update();
        }
        boolean confirm = given.email() != null && (!checked.consents().isEmpty() || registration != null);
        if (confirm) {
            mail(form, id, given.email(), registration);
        }
        return new Stored(find(form.id(), id), false, confirm);
    }

    private void mail(Forms.Form form, long submissionId, String to, Events.@Nullable Registration registration) {
        String link = properties.publicUrl().replaceAll("/+$", "") + "/f/" + form.slug() + "/confirm/"
                + tokens.confirmationToken(submissionId);
        StringBuilder body = new StringBuilder();
        body.append("Thank you for your submission of \"").append(form.title()).append("\".\n\n");
        if (registration != null) {
            Events.Event event = events.find(jdbc.sql("select event_id from event_session where id = :id")
                    .param("id", registration.sessionId())
                    .query(Long.class)
                    .single());
            body.append("You are registered for ")
                    .append(event.name())
                    .append(", ")
                    .append(registration.sessionName())
                    .append(".\nYour badge code: ")
                    .append(registration.code())
                    .append("\n\n");
        }
        body.append("Please confirm by opening this link:\n").append(link).append("\n\n");
        body.append("If you did not fill in this form, ignore this message: nothing is confirmed without you.\n");
        jdbc.sql("""
                        insert into form_mail (submission_id, to_address, subject, body, created_at)
                        values (:submission, :to, :subject, :body, :now)""")
                .param("submission", submissionId)
                .param("to", to)
                .param("subject", "Please confirm: " + form.title())
                .param("body", body.toString())
                .param("now", timestamptz(clock.instant()))
                .update();
    }

    /**
     * Opens a confirmation link: the first time, the submission's consents are recorded on the customer with their
     * wording's form as the source, and its registration is confirmed; again, nothing changes; a link this server did
     * not make (or of another form) confirms nothing.
     */
    @Transactional
    public Confirmation confirm(Forms.Form form, String token) {
        Optional<Long> id = tokens.confirmedSubmission(token);
        if (id.isEmpty()) {
            return Confirmation.BAD_LINK;
        }
        Optional<Long> customer = jdbc.sql("select customer_id from form_submission where id = :id and form_id = :form")
                .param("id", id.get())
                .param("form", form.id())
                .query(Long.class)
                .optional();
        if (customer.isEmpty()) {
            return Confirmation.BAD_LINK;
        }
        int claimed = jdbc.sql("update form_submission set confirmed_at = :now where id = :id and confirmed_at is null")
                .param("now", timestamptz(clock.instant()))
                .param("id", id.get())
                .update();
        if (claimed == 0) {
            return Confirmation.ALREADY_CONFIRMED;
        }
        List<ConsentChannel> channels = jdbc.sql(
                        "select channel from form_submission_consent where submission_id = :id order by channel")
                .param("id", id.get())
                .query((rs, n) -> ConsentChannel.valueOf(rs.getString("channel")))
                .list();
        for (ConsentChannel channel : channels) {
            consents.record(
                    customer.get(), channel, true, "form " + form.slug() + " #" + id.get() + " (double opt-in)");
        }
        jdbc.sql("update form_submission_consent set recorded_at = :now where submission_id = :id")
                .param("now", timestamptz(clock.instant()))
                .param("id", id.get())
                .update();
        events.confirmRegistrationsOf(id.get());
        return Confirmation.CONFIRMED;
    }

    /** The form's submissions, newest first. */
    public PageResult<Submission> page(long formId, int page, int size) {
        forms.find(formId);
        long total = jdbc.sql("select count(*) from form_submission where form_id = :form")
                .param("form", formId)
                .query(Long.class)
                .single();
        List<Submission> items = jdbc.sql(SELECT + " where s.form_id = :form order by s.submitted_at desc, s.id desc"
                        + " limit :size offset :offset")
                .param("form", formId)
                .param("size", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> submission(rs))
                .list();
        return new PageResult<>(items, page, size, total);
    }

    private static final String SELECT = """
            select s.*, (select string_agg(c.channel || case when c.recorded_at is null then '' else ' ✓' end, ', '
                                           order by c.channel)
                         from form_submission_consent c where c.submission_id = s.id) as consent_list
            from form_submission s""";

    Submission find(long formId, long id) {
        return jdbc.sql(SELECT + " where s.id = :id and s.form_id = :form")
                .param("id", id)
                .param("form", formId)
                .query((rs, n) -> submission(rs))
                .optional()
                .orElseThrow(() -> new NotFoundException("No submission " + id));
    }

    @SuppressWarnings("unchecked")
    private Submission submission(java.sql.ResultSet rs) throws java.sql.SQLException {
        String consentList = rs.getString("consent_list");
        return new Submission(
                rs.getLong("id"),
                rs.getLong("form_id"),
                rs.getObject("customer_id", Long.class),
                rs.getBoolean("new_customer"),
                json.readValue(rs.getString("answers"), LinkedHashMap.class),
                consentList == null ? List.of() : List.of(consentList.split(", ")),
                instant(rs, "submitted_at"),
                nullableInstant(rs, "confirmed_at"),
                rs.getObject("service_request_id", Long.class),
                rs.getObject("lead_id", Long.class));
    }

    private record Checked(
            CustomerInput customer,
            Map<String, Object> answers,
            List<Forms.Consent> consents,
            @Nullable String source,
            long sessionId,
            String attendeeName) {}

    private Checked check(Forms.Form form, Map<String, String> values) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Object> answers = new LinkedHashMap<>();
        Map<FieldAttribute, String> given = new LinkedHashMap<>();
        for (Forms.Field field : form.fields()) {
            String name = field.attribute().param();
            String value = Forms.text(
                    problems, name, values.get(name), field.attribute().maxLength(), field.required());
            if (value != null) {
                given.put(field.attribute(), value);
                answers.put(name, value);
            }
        }
        List<Forms.Consent> ticked = new ArrayList<>();
        for (Forms.Consent consent : form.consents()) {
            String value = values.get("consent." + consent.channel().name());
            boolean on = value != null && !value.isBlank() && !value.equals("false");
            if (on) {
                ticked.add(consent);
            } else if (consent.required()) {
                problems.add(
                        FieldProblem.of("consent." + consent.channel().name(), "forms.validation.consentRequired"));
            }
        }
        String source = Forms.text(problems, "source", values.get("source"), 100, false);
        long sessionId = 0;
        if (form.kind() == FormKind.EVENT) {
            String session = values.get("session");
            Long chosen = null;
            if (session != null && session.strip().matches("[0-9]{1,18}")) {
                long s = Long.parseLong(session.strip());
                Instant now = clock.instant();
                chosen = events.find(form.eventId()).sessions().stream()
                        .filter(x -> x.id() == s && x.endsAt().isAfter(now))
                        .map(Events.Session::id)
                        .findFirst()
                        .orElse(null);
            }
            if (chosen == null) {
                problems.add(FieldProblem.of("session", "validation.required"));
            } else {
                sessionId = chosen;
                answers.put("session", chosen);
            }
        }
        CustomerInput customer = new CustomerInput(
                null,
                null,
                given.get(FieldAttribute.FIRST_NAME),
                given.get(FieldAttribute.LAST_NAME),
                null,
                given.get(FieldAttribute.BIRTH_DATE),
                given.get(FieldAttribute.EMAIL),
                given.get(FieldAttribute.PHONE),
                null,
                given.get(FieldAttribute.POSTAL_CODE),
                given.get(FieldAttribute.CITY),
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        if (customer.email() == null && customer.phone() == null && problems.isEmpty()) {
            problems.add(FieldProblem.of(form.has(FieldAttribute.EMAIL) ? "email" : "phone", "validation.required"));
        }
        // the customer's own rules (an email's form, a phone's digits, a date) name the same fields
        problems.addAll(editor.problems(null, customer));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String name = String.join(
                        " ",
                        java.util.stream.Stream.of(customer.firstName(), customer.lastName())
                                .filter(java.util.Objects::nonNull)
                                .toList())
                .strip();
        return new Checked(
                customer,
                answers,
                ticked,
                source,
                sessionId,
                name.isEmpty()
                        ? StorableText.shown(customer.email() != null ? customer.email() : customer.phone())
                        : name);
    }

    /** The stored values, each empty one taken from the submission: a value stored is never replaced or cleared. */
    static CustomerInput fillGaps(CustomerInput stored, CustomerInput given) {
        return new CustomerInput(
                stored.externalId(),
                stored.cardNumber(),
                first(stored.firstName(), given.firstName()),
                first(stored.lastName(), given.lastName()),
                stored.gender(),
                first(stored.birthDate(), given.birthDate()),
                first(stored.email(), given.email()),
                first(stored.phone(), given.phone()),
                stored.addressLine(),
                first(stored.postalCode(), given.postalCode()),
                first(stored.city(), given.city()),
                stored.regionCode(),
                stored.incomeBand(),
                stored.occupation(),
                stored.education(),
                stored.homeStoreCode(),
                stored.owner(),
                stored.customAttributes());
    }

    private static @Nullable String first(@Nullable String stored, @Nullable String given) {
        return stored != null && !stored.isBlank() ? stored : given;
    }
}
