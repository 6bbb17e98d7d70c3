package io.clientele.forms;

import static io.clientele.platform.db.Rows.instant;
import static io.clientele.platform.db.Rows.nullableInstant;
import static io.clientele.platform.db.Rows.timestamptz;

import io.clientele.campaign.Campaigns;
import io.clientele.campaign.EventActivity;
import io.clientele.campaign.ResponseKind;
import io.clientele.customer.CustomerProfile;
import io.clientele.customer.Customers;
import io.clientele.customer.InteractionKind;
import io.clientele.customer.Timeline;
import io.clientele.platform.AfterCommit;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.PageResult;
import io.clientele.platform.csv.CsvReadOptions;
import io.clientele.platform.csv.CsvReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Events and their sessions (time, place, capacity), registrations (a seat taken atomically, so concurrent
 * registrations never overbook a session), check-in by staff (one registration, or a file of badge scans: all rows
 * good or none stored) and no-shows (registrations of a session that ended without a check-in). An event linked to a
 * campaign records registrations and attendance on the customer's timeline with that campaign. Every new registration
 * and check-in is published after commit ({@link EventActivity}) with the hidden campaign source it came with, for
 * the campaign steps inviting to the event to count as responses.
 */
@Service
public class Events {
    private static final char[] CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    static final int MAX_IMPORT_ROWS = 20_000;

    public record Event(
            long id,
            String name,
            EventKind kind,
            @Nullable String description,
            @Nullable Long campaignId,
            List<Session> sessions,
            Instant createdAt) {}

    /** A session with its seats: registered, checked in, and (once it ended) no-shows. */
    public record Session(
            long id,
            long eventId,
            String name,
            String place,
            Instant startsAt,
            Instant endsAt,
            int capacity,
            int registered,
            int checkedIn,
            int noShows) {
        public int free() {
            return capacity - registered;
        }
    }

    public enum RegistrationStatus {
        REGISTERED,
        ATTENDED,
        NO_SHOW
    }

    public record Registration(
            long id,
            long sessionId,
            String sessionName,
            long customerId,
            String name,
            @Nullable String email,
            String code,
            Instant registeredAt,
            @Nullable Instant confirmedAt,
            @Nullable Instant checkedInAt,
            @Nullable String checkedInBy,
            RegistrationStatus status) {}

    public record EventInput(
            @Nullable String name,
            @Nullable String kind,
            @Nullable String description,
            @Nullable Long campaignId) {}

    public record SessionInput(
            @Nullable String name,
            @Nullable String place,
            @Nullable String startsAt,
            @Nullable String endsAt,
            @Nullable Integer capacity) {}

    /** A registration, and whether this call made it (false: the customer was registered for the session already). */
    public record Registered(Registration registration, boolean created) {}

    /** What an import of scans did: how many were checked in now, how many had been already. */
    public record ImportResult(int checkedIn, int already) {}

    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final Timeline timeline;
    private final Customers customers;
    private final ApplicationEventPublisher published;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Events(
            JdbcClient jdbc,
            Campaigns campaigns,
            Timeline timeline,
            Customers customers,
            ApplicationEventPublisher published,
            Clock clock) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.timeline = timeline;
        this.customers = customers;
        this.published = published;
        this.clock = clock;
    }

    @Transactional
    public Event create(EventInput input, String actor) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = Forms.text(problems, "name", input.name(), 200, true);
        String description = Forms.text(problems, "description", input.description(), 4000, false);
        EventKind kind = InputFields.oneOf("kind", input.kind(), EventKind.class, problems);
        if (input.campaignId() != null
                && campaigns.findOptional(input.campaignId()).isEmpty()) {
            problems.add(FieldProblem.of("campaignId", "validation.unknown", input.campaignId()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        long id = jdbc.sql("""
                        insert into event (name, kind, description, campaign_id, created_by, created_at)
                        values (:name, :kind, :description, :campaign, :by, :now) returning id""")
                .param("name", name)
                .param("kind", kind.name())
                .param("description", description)
                .param("campaign", input.campaignId())
                .param("by", actor)
                .param("now", timestamptz(clock.instant()))
                .query(Long.class)
                .single();
        return find(id);
    }

    @Transactional
    public Session addSession(long eventId, SessionInput input) {
        find(eventId);
        List<FieldProblem> problems = new ArrayList<>();
        String name = Forms.text(problems, "name", input.name(), 200, true);
        String place = Forms.text(problems, "place", input.place(), 200, true);
        Instant starts = time(problems, "startsAt", input.startsAt());
        Instant ends = time(problems, "endsAt", input.endsAt());
        if (starts != null && ends != null && !ends.isAfter(starts)) {
            problems.add(FieldProblem.of("endsAt", "events.validation.endsAfterStart"));
        }
        if (input.capacity() == null) {
            problems.add(FieldProblem.of("capacity", "validation.required"));
        } else if (input.capacity() < 1 || input.capacity() > 100_000) {
            problems.add(FieldProblem.of("capacity", "validation.between", 1, 100_000));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        long id = jdbc.sql("""
                        insert into event_session (event_id, name, place, starts_at, ends_at, capacity)
                        values (:event, :name, :place, :starts, :ends, :capacity) returning id""")
                .param("event", eventId)
                .param("name", name)
                .param("place", place)
                .param("starts", timestamptz(starts))
                .param("ends", timestamptz(ends))
                .param("capacity", input.capacity())
                .query(Long.class)
                .single();
        return find(eventId).sessions().stream()
                .filter(s -> s.id() == id)
                .findFirst()
                .orElseThrow();
    }

    private static @Nullable Instant time(List<FieldProblem> problems, String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            problems.add(FieldProblem.of(field, "validation.required"));
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(FieldProblem.of(field, "events.validation.time"));
            return null;
        }
    }

    boolean exists(long id) {
        return jdbc.sql("select exists (select 1 from event where id = :id)")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    public Event find(long id) {
        Instant now = clock.instant();
        return jdbc.sql("select * from event where id = :id")
                .param("id", id)
                .query((rs, n) -> new Event(
                        rs.getLong("id"),
                        rs.getString("name"),
                        EventKind.valueOf(rs.getString("kind")),
                        rs.getString("description"),
                        rs.getObject("campaign_id", Long.class),
                        List.of(),
                        instant(rs, "created_at")))
                .optional()
                .map(e -> new Event(
                        e.id(),
                        e.name(),
                        e.kind(),
                        e.description(),
                        e.campaignId(),
                        sessions(e.id(), now),
                        e.createdAt()))
                .orElseThrow(() -> new NotFoundException("No event " + id));
    }

    private List<Session> sessions(long eventId, Instant now) {
        return jdbc.sql("""
                        select s.*, count(r.checked_in_at) as checked_in,
                               count(r.id) filter (where r.checked_in_at is null and s.ends_at <= :now) as no_shows
                        from event_session s left join event_registration r on r.session_id = s.id
                        where s.event_id = :event group by s.id order by s.starts_at, s.id""")
                .param("event", eventId)
                .param("now", timestamptz(now))
                .query((rs, n) -> new Session(
                        rs.getLong("id"),
                        rs.getLong("event_id"),
                        rs.getString("name"),
                        rs.getString("place"),
                        instant(rs, "starts_at"),
                        instant(rs, "ends_at"),
                        rs.getInt("capacity"),
                        rs.getInt("registered"),
                        rs.getInt("checked_in"),
                        rs.getInt("no_shows")))
                .list();
    }

    /** Events, the latest session first. */
    public PageResult<Event> page(int page, int size) {
        long total = jdbc.sql("select count(*) from event").query(Long.class).single();
        List<Long> ids = jdbc.sql("""
                        select e.id from event e left join event_session s on s.event_id = e.id
                        group by e.id order by max(s.starts_at) desc nulls last, e.id desc
                        limit :size offset :offset""")
                .param("size", size)
                .param("offset", (long) page * size)
                .query(Long.class)
                .list();
        return new PageResult<>(ids.stream().map(this::find).toList(), page, size, total);
    }

    /**
     * The event's registrations whose attendee name, email or code contains {@code query} (any case), by session and
     * name; {@code status} filters (null: all).
     */
    public PageResult<Registration> registrations(
            long eventId, @Nullable String query, @Nullable RegistrationStatus status, int page, int size) {
        find(eventId);
        String q = query == null || query.isBlank() ? null : query.strip().toLowerCase(Locale.ROOT);
        String where = """
                from event_registration r join event_session s on s.id = r.session_id
                where s.event_id = :event
                  and (cast(:q as text) is null or strpos(lower(r.attendee_name), :q) > 0
                       or strpos(lower(coalesce(r.attendee_email, '')), :q) > 0 or strpos(lower(r.code), :q) > 0)
                  and (cast(:status as text) is null
                       or (:status = 'ATTENDED' and r.checked_in_at is not null)
                       or (:status = 'NO_SHOW' and r.checked_in_at is null and s.ends_at <= :now)
                       or (:status = 'REGISTERED' and r.checked_in_at is null and s.ends_at > :now))""";
        Instant now = clock.instant();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("event", eventId);
        params.put("now", timestamptz(now));
        long total = jdbc.sql("select count(*) " + where)
                .params(params)
                .param("q", q)
                .param("status", status == null ? null : status.name())
                .query(Long.class)
                .single();
        List<Registration> items = jdbc.sql("select r.*, s.name as session_name, s.ends_at " + where
                        + " order by s.starts_at, lower(r.attendee_name), r.id limit :size offset :offset")
                .params(params)
                .param("q", q)
                .param("status", status == null ? null : status.name())
                .param("size", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> registration(rs, now))
                .list();
        return new PageResult<>(items, page, size, total);
    }

    private static Registration registration(java.sql.ResultSet rs, Instant now) throws java.sql.SQLException {
        Instant checkedIn = nullableInstant(rs, "checked_in_at");
        RegistrationStatus status = checkedIn != null
                ? RegistrationStatus.ATTENDED
                : instant(rs, "ends_at").isAfter(now) ? RegistrationStatus.REGISTERED : RegistrationStatus.NO_SHOW;
        return new Registration(
                rs.getLong("id"),
                rs.getLong("session_id"),
                rs.getString("session_name"),
                rs.getLong("customer_id"),
                rs.getString("attendee_name"),
                rs.getString("attendee_email"),
                rs.getString("code"),
                instant(rs, "registered_at"),
                nullableInstant(rs, "confirmed_at"),
                checkedIn,
                rs.getString("checked_in_by"),
                status);
    }

    /** A registration of the event, or 404. */
    public Registration registration(long eventId, long registrationId) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        select r.*, s.name as session_name, s.ends_at from event_registration r
                        join event_session s on s.id = r.session_id
                        where r.id = :id and s.event_id = :event""")
                .param("id", registrationId)
                .param("event", eventId)
                .query((rs, n) -> registration(rs, now))
                .optional()
                .orElseThrow(() -> new NotFoundException("No registration " + registrationId));
    }

    /** Thrown when the session has no seat left (or has ended); nothing is stored. */
    static final class SessionFull extends RuntimeException {
        SessionFull() {
            super("session full", null, false, false);
        }
    }

    /**
     * Registers the customer for the session: takes a seat (refused with {@link SessionFull} when none is left or the
     * session ended) unless they are registered already, in which case that registration is answered and no seat is
     * taken. The seat is taken by one conditional update of the session's count, which the database serialises, so
     * concurrent registrations never take more seats than the capacity.
     *
     * @param source the hidden campaign source the registration came with, kept for its check-in
     */
    Registered register(
            long sessionId,
            long customerId,
            String name,
            @Nullable String email,
            @Nullable Long submissionId,
            @Nullable String source) {
        Optional<Long> existing = jdbc.sql(
                        "select id from event_registration where session_id = :session and customer_id = :customer")
                .param("session", sessionId)
                .param("customer", customerId)
                .query(Long.class)
                .optional();
        long eventId = jdbc.sql("select event_id from event_session where id = :id")
                .param("id", sessionId)
                .query(Long.class)
                .single();
        if (existing.isPresent()) {
            return new Registered(registration(eventId, existing.get()), false);
        }
        Instant now = clock.instant();
        int taken = jdbc.sql("""
                        update event_session set registered = registered + 1
                        where id = :id and registered < capacity and ends_at > :now""")
                .param("id", sessionId)
                .param("now", timestamptz(now))
                .update();
        if (taken == 0) {
            throw new SessionFull();
        }
        long id = jdbc.sql("""
                        insert into event_registration (session_id, customer_id, attendee_name, attendee_email, code,
                                                        submission_id, registered_at, campaign_source)
                        values (:session, :customer, :name, :email, :code, :submission, :now, :source)
                        returning id""")
                .param("session", sessionId)
                .param("customer", customerId)
                .param("name", name)
                .param("email", email)
                .param("code", code())
                .param("submission", submissionId)
                .param("now", timestamptz(now))
                .param("source", source)
                .query(Long.class)
                .single();
        Event event = find(eventId);
        timeline.record(customerId, InteractionKind.EVENT_REGISTERED, event.name(), details(event, sessionId, id));
        AfterCommit.publish(
                published, new EventActivity(eventId, id, customerId, ResponseKind.REGISTERED, source, now));
        return new Registered(registration(eventId, id), true);
    }

    /**
     * Registers a customer at the desk or by API (no form): a seat is taken as for a form's registration; an existing
     * registration of the customer for the session is answered as it is.
     *
     * @throws InvalidInputException naming {@code sessionId} (not of the event, ended or full) or {@code customerId}
     */
    @Transactional
    public Registered registerCustomer(long eventId, @Nullable Long sessionId, @Nullable Long customerId) {
        Event event = find(eventId);
        List<FieldProblem> problems = new ArrayList<>();
        if (sessionId == null || event.sessions().stream().noneMatch(s -> s.id() == sessionId)) {
            problems.add(FieldProblem.of(
                    "sessionId",
                    sessionId == null ? "validation.required" : "validation.unknown",
                    String.valueOf(sessionId)));
        }
        Optional<CustomerProfile> customer = customerId == null ? Optional.empty() : customers.profile(customerId);
        if (customer.isEmpty()) {
            problems.add(FieldProblem.of(
                    "customerId",
                    customerId == null ? "validation.required" : "validation.unknown",
                    String.valueOf(customerId)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        try {
            return register(
                    sessionId, customerId, customer.get().name(), customer.get().email(), null, null);
        } catch (SessionFull e) {
            throw new InvalidInputException(FieldProblem.of("sessionId", "forms.validation.sessionFull"));
        }
    }

    void confirmRegistrationsOf(long submissionId) {
        jdbc.sql("""
                        update event_registration set confirmed_at = :now
                        where submission_id = :submission and confirmed_at is null""")
                .param("submission", submissionId)
                .param("now", timestamptz(clock.instant()))
                .update();
    }

    private static Map<String, Object> details(Event event, long sessionId, long registrationId) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("eventId", event.id());
        details.put("sessionId", sessionId);
        details.put("registrationId", registrationId);
        if (event.campaignId() != null) {
            details.put("campaignId", event.campaignId());
        }
        return details;
    }

    private String code() {
        char[] code = new char[8];
        for (int i = 0; i < code.length; i++) {
            code[i] = CODE_LETTERS[random.nextInt(CODE_LETTERS.length)];
        }
        return new String(code);
    }

    /** Checks the registration in now; checking in again changes nothing. */
    @Transactional
    public Registration checkIn(long eventId, long registrationId, String by) {
        Registration registration = registration(eventId, registrationId);
        markAttended(eventId, registration, clock.instant(), by);
        return registration(eventId, registrationId);
    }

    /** Checks in the registration with this badge code. */
    @Transactional
    public Registration checkInCode(long eventId, @Nullable String code, String by) {
        String c = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        Long id = c.isEmpty() || c.length() > 20 ? null : idOfCode(eventId, c).orElse(null);
        if (id == null) {
            throw new InvalidInputException(FieldProblem.of("code", "events.validation.unknownCode"));
        }
        return checkIn(eventId, id, by);
    }

    private Optional<Long> idOfCode(long eventId, String code) {
        return jdbc.sql("""
                        select r.id from event_registration r join event_session s on s.id = r.session_id
                        where r.code = :code and s.event_id = :event""")
                .param("code", code)
                .param("event", eventId)
                .query(Long.class)
                .optional();
    }

    private boolean markAttended(long eventId, Registration registration, Instant at, String by) {
        int changed = jdbc.sql("""
                        update event_registration set checked_in_at = :at, checked_in_by = :by
                        where id = :id and checked_in_at is null""")
                .param("at", timestamptz(at))
                .param("by", by)
                .param("id", registration.id())
                .update();
        if (changed == 1) {
            Event event = find(eventId);
            timeline.record(
                    registration.customerId(),
                    InteractionKind.EVENT_ATTENDED,
                    event.name(),
                    details(event, registration.sessionId(), registration.id()));
            String source = jdbc.sql("select campaign_source from event_registration where id = :id")
                    .param("id", registration.id())
                    .query((rs, n) -> rs.getString(1))
                    .list()
                    .getFirst();
            AfterCommit.publish(
                    published,
                    new EventActivity(
                            eventId, registration.id(), registration.customerId(), ResponseKind.ATTENDED, source, at));
        }
        return changed == 1;
    }

    /**
     * Checks in the badge codes of a scanner's file: a header with {@code code} and optionally {@code scanned_at}
     * (ISO-8601 with offset; else now). Every row is checked first; a code that is unknown, of another event, or a bad
     * time refuses the whole file with each bad row named ({@code row N}), and nothing is stored.
     */
    @Transactional
    public ImportResult importScans(long eventId, byte[] file, String by) {
        find(eventId);
        List<FieldProblem> problems = new ArrayList<>();
        Map<Long, Instant> scans = new LinkedHashMap<>();
        try (CsvReader reader = CsvReader.open(new ByteArrayInputStream(file), CsvReadOptions.defaults())) {
            List<String> header = reader.header().stream()
                    .map(h -> h.strip().toLowerCase(Locale.ROOT))
                    .toList();
            int code = header.indexOf("code");
            int at = header.indexOf("scanned_at");
            if (code < 0) {
                throw new InvalidInputException(FieldProblem.of("file", "events.validation.codeColumn"));
            }
            while (reader.next()) {
                String row = "row " + (reader.lineNumber());
                if (scans.size() + problems.size() >= MAX_IMPORT_ROWS) {
                    problems.add(FieldProblem.of("file", "events.validation.tooManyRows", MAX_IMPORT_ROWS));
                    break;
                }
                if (reader.record().error() != null) {
                    problems.add(FieldProblem.of(row, "events.validation.badRow"));
                    continue;
                }
                String value = reader.record().get(code);
                String c = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
                Optional<Long> id = c.isEmpty() || c.length() > 20 || !c.matches("[A-Z0-9]+")
                        ? Optional.empty()
                        : idOfCode(eventId, c);
                if (id.isEmpty()) {
                    problems.add(FieldProblem.of(
                            row, "events.validation.unknownCodeIn", c.length() > 20 ? c.substring(0, 20) : c));
                    continue;
                }
                Instant when = clock.instant();
                String time = at < 0 ? null : reader.record().get(at);
                if (time != null && !time.isBlank()) {
                    try {
                        when = OffsetDateTime.parse(time.strip()).toInstant();
                    } catch (DateTimeParseException e) {
                        problems.add(FieldProblem.of(row, "events.validation.time"));
                        continue;
                    }
                }
                scans.putIfAbsent(id.get(), when);
            }
        } catch (IOException e) {
            throw new InvalidInputException(FieldProblem.of("file", "events.validation.badFile"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        int checkedIn = 0;
        for (Map.Entry<Long, Instant> scan : scans.entrySet()) {
            if (markAttended(eventId, registration(eventId, scan.getKey()), scan.getValue(), by)) {
                checkedIn++;
            }
        }
        return new ImportResult(checkedIn, scans.size() - checkedIn);
    }
}
