package io.clientele.service;

import static io.clientele.platform.InputFields.trimmed;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.clientele.audit.AuditTrail;
import io.clientele.customer.Customers;
import io.clientele.customer.InteractionKind;
import io.clientele.customer.Timeline;
import io.clientele.platform.DataScope;
import io.clientele.platform.DataScopes;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.PageResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Service requests and complaints: created (by an agent, by API, from the support mailbox), routed to a queue by the
 * rules and dealt to the queue's agent with the fewest open requests, given SLA targets by priority, worked through
 * notes and replies (a reply goes out by email in the customer's thread, see {@link ServiceMail}), resolved, rated,
 * merged. A complaint or product failure is recorded on the customer's timeline as a COMPLAINT, which the scoring
 * run's satisfaction reads; any other request as a SERVICE_REQUEST. See docs/service.md.
 */
@Service
public class ServiceRequests {
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A request as the queue, its page and the API show it. */
    public record Request(
            long id,
            @Nullable Long customerId,
            @Nullable String customerName,
            @Nullable String contactName,
            @Nullable String contactEmail,
            String subject,
            @Nullable String description,
            RequestCategory category,
            Priority priority,
            RequestChannel channel,
            RequestStatus status,
            int queueId,
            String queueName,
            @Nullable String assignee,
            @Nullable Integer productId,
            @Nullable String productName,
            @Nullable Long saleId,
            @Nullable Integer storeId,
            Instant firstResponseDue,
            Instant resolutionDue,
            @Nullable Instant firstRespondedAt,
            @Nullable Instant resolvedAt,
            @Nullable Instant escalatedAt,
            @Nullable Long mergedInto,
            @Nullable Integer satisfaction,
            Instant createdAt) {
        /** The name to show: the customer's, else the contact's name or address. */
        public String person() {
            for (String name : new String[] {customerName, contactName, contactEmail}) {
                if (name != null && !name.isBlank()) {
                    return name;
                }
            }
            return customerId == null ? "?" : "#" + customerId;
        }

        /** Whether the first response came, or is still due, after its target. */
        public boolean firstResponseBreached(Instant now) {
            return (firstRespondedAt == null ? now : firstRespondedAt).isAfter(firstResponseDue);
        }

        /** Whether the resolution came, or is still due, after its target. */
        public boolean resolutionBreached(Instant now) {
            return (resolvedAt == null ? now : resolvedAt).isAfter(resolutionDue);
        }
    }

    /**
     * A request to create; all text, so that bad input is a field error. Category and priority may come from rules.
     * {@code receivedAt} (ISO-8601, up to a year back) is when the customer raised it, for a call logged later or a
     * request taken over from another system: the SLA targets count from then.
     */
    public record RequestInput(
            @Nullable Long customerId,
            @Nullable String contactName,
            @Nullable String contactEmail,
            @Nullable String subject,
            @Nullable String description,
            @Nullable String category,
            @Nullable String priority,
            @Nullable String channel,
            @Nullable Integer productId,
            @Nullable Long saleId,
            @Nullable String assignee,
            @Nullable String receivedAt) {}

    /** What a create did: a new request, or (under a used idempotency key) the first call's. */
    public record Created(Request request, boolean replayed) {}

    /** One entry of a request's conversation. */
    public record Message(
            long id,
            MessageKind kind,
            String body,
            String author,
            @Nullable String toAddress,
            @Nullable String sendStatus,
            @JsonIgnore @Nullable String idempotencyKey,
            Instant createdAt) {}

    /** The queue's filters; null is any. Without a status, the active requests. */
    public record Filter(
            @Nullable Integer queueId,
            @Nullable String assignee,
            @Nullable RequestStatus status,
            @Nullable RequestCategory category) {
        public static final Filter ACTIVE = new Filter(null, null, null, null);
    }

    private final JdbcClient jdbc;
    private final Timeline timeline;
    private final Customers customers;
    private final Clock clock;
    private final AuditTrail audit;
    private final ServiceProperties properties;
    private final DataScopes scopes;

    ServiceRequests(
            JdbcClient jdbc,
            Timeline timeline,
            Customers customers,
            Clock clock,
            AuditTrail audit,
            ServiceProperties properties,
            DataScopes scopes) {
        this.scopes = scopes;
        this.jdbc = jdbc;
        this.timeline = timeline;
        this.customers = customers;
        this.clock = clock;
        this.audit = audit;
        this.properties = properties;
    }

    /**
     * Creates a request: routed, assigned, given its SLA targets and put on the customer's timeline. A retry under
     * the same idempotency key answers the first call's request; the key with another body is refused.
     */
    @Transactional
    public Created create(RequestInput input, String actor, @Nullable String idempotencyKey) {
        String hash = idempotencyKey == null ? null : hash(input.toString());
        if (idempotencyKey != null) {
            Optional<Map<String, Object>> used = jdbc
                    .sql("select id, request_hash from service_request where idempotency_key = :key")
                    .param("key", idempotencyKey)
                    .query()
                    .listOfRows()
                    .stream()
                    .findFirst();
            if (used.isPresent()) {
                if (!hash.equals(used.get().get("request_hash"))) {
                    throw new KeyReusedException(idempotencyKey);
                }
                return new Created(load(((Number) used.get().get("id")).longValue()), true);
            }
        }
        Valid valid = validate(input);
        long id = insert(valid, input, newThreadId(), actor, idempotencyKey, hash);
        // the creator gets it back even when it is outside their scope (a contact who is no customer yet)
        return new Created(load(id), false);
    }

    private record Valid(
            @Nullable Long customerId,
            String subject,
            @Nullable RequestCategory category,
            @Nullable Priority priority,
            RequestChannel channel,
            @Nullable Integer storeId,
            Instant receivedAt) {}

    private Valid validate(RequestInput input) {
        List<FieldProblem> problems = new ArrayList<>();
        String subject = InputFields.required("subject", input.subject(), 200, problems);
        length(problems, "description", input.description(), 20000);
        length(problems, "contactName", input.contactName(), 200);
        RequestCategory category = trimmed(input.category()) == null
                ? null
                : InputFields.oneOf("category", input.category(), RequestCategory.class, problems);
        Priority priority = trimmed(input.priority()) == null
                ? null
                : InputFields.oneOf("priority", input.priority(), Priority.class, problems);
        RequestChannel channel = trimmed(input.channel()) == null
                ? RequestChannel.API
                : InputFields.oneOf("channel", input.channel(), RequestChannel.class, problems);
        Long customerId = input.customerId();
        if (customerId != null && !customers.inScope(customerId)) {
            problems.add(FieldProblem.of("customerId", "validation.unknown", customerId));
        }
        String email = trimmed(input.contactEmail());
        if (email != null && (email.length() > 200 || !EMAIL.matcher(email).matches())) {
            problems.add(FieldProblem.of("contactEmail", "validation.email"));
        }
        if (customerId == null && email == null && trimmed(input.contactName()) == null) {
            problems.add(FieldProblem.of("customerId", "validation.requestPerson"));
        }
        Integer storeId = product(problems, category, input.productId(), input.saleId(), customerId);
        if (trimmed(input.assignee()) != null) {
            agentProblem("assignee", input.assignee()).ifPresent(problems::add);
        }
        Instant receivedAt = clock.instant();
        if (trimmed(input.receivedAt()) != null) {
            try {
                receivedAt = Instant.parse(input.receivedAt().strip());
                if (receivedAt.isAfter(clock.instant())
                        || receivedAt.isBefore(clock.instant().minus(Duration.ofDays(365)))) {
                    problems.add(FieldProblem.of("receivedAt", "validation.receivedAt"));
                }
            } catch (java.time.format.DateTimeParseException e) {
                problems.add(FieldProblem.of("receivedAt", "validation.instant"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Valid(customerId, subject, category, priority, channel, storeId, receivedAt);
    }

    /**
     * Checks a request's product and receipt: the product exists, a product failure names one, the receipt is a sale
     * of the customer holding the product. Answers the receipt's store.
     */
    private @Nullable Integer product(
            List<FieldProblem> problems,
            @Nullable RequestCategory category,
            @Nullable Integer productId,
            @Nullable Long saleId,
            @Nullable Long customerId) {
        if (productId != null
                && !jdbc.sql("select exists (select 1 from product where id = :id)")
                        .param("id", productId)
                        .query(Boolean.class)
                        .single()) {
            problems.add(FieldProblem.of("productId", "validation.unknown", productId));
        }
        if (category == RequestCategory.PRODUCT_FAILURE && productId == null) {
            problems.add(FieldProblem.of("productId", "validation.required"));
        }
        if (saleId == null) {
            return null;
        }
        Optional<Integer> store = jdbc.sql("""
                        select s.store_id from sale s
                        where s.id = :sale and s.customer_id = :customer
                          and (cast(:product as integer) is null
                               or exists (select 1 from sale_line l where l.sale_id = s.id and l.product_id = :product))""")
                .param("sale", saleId)
                .param("customer", customerId)
                .param("product", productId)
                .query(Integer.class)
                .optional();
        if (store.isEmpty()) {
            problems.add(FieldProblem.of("saleId", "validation.unknown", saleId));
        }
        return store.orElse(null);
    }

    private static Map<String, Object> details(
            long id, RequestCategory category, @Nullable Integer productId, @Nullable Integer storeId) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("request", id);
        details.put("category", category.name());
        if (productId != null) {
            details.put("productId", productId);
        }
        if (storeId != null) {
            details.put("storeId", storeId);
        }
        return details;
    }

    private long insert(
            Valid valid,
            RequestInput input,
            String threadId,
            String actor,
            @Nullable String idempotencyKey,
            @Nullable String hash) {
        Route route = route(
                valid.category(), valid.subject() + "\n" + (input.description() == null ? "" : input.description()));
        RequestCategory category = valid.category() != null && route.setCategory() == null
                ? valid.category()
                : route.setCategory() != null ? route.setCategory() : RequestCategory.QUESTION;
        Priority priority = valid.priority() != null
                ? valid.priority()
                : route.setPriority() != null ? route.setPriority() : Priority.NORMAL;
        Instant now = clock.instant();
        Instant at = valid.receivedAt();
        Map<String, Object> sla = jdbc.sql(
                        "select first_response_minutes, resolution_minutes from service_sla where priority = :p")
                .param("p", priority.name())
                .query()
                .singleRow();
        Instant firstDue = at.plus(Duration.ofMinutes(((Number) sla.get("first_response_minutes")).longValue()));
        Instant resolutionDue = at.plus(Duration.ofMinutes(((Number) sla.get("resolution_minutes")).longValue()));
        String assignee = trimmed(input.assignee()) != null ? trimmed(input.assignee()) : nextAgent(route.queueId());
        long id = jdbc.sql("""
                        insert into service_request (customer_id, contact_name, contact_email, subject, description,
                            category, priority, channel, queue_id, assignee, product_id, sale_id, store_id, thread_id,
                            first_response_due, resolution_due, due_at, idempotency_key, request_hash, created_by,
                            created_at, updated_at)
                        values (:customer, :name, :email, :subject, :description, :category, :priority, :channel,
                                :queue, :assignee, :product, :sale, :store, :thread, :firstDue, :resolutionDue,
                                :firstDue, :key, :hash, :by, :at, :now)
                        returning id""")
                .param("customer", valid.customerId())
                .param("name", trimmed(input.contactName()))
                .param("email", trimmed(input.contactEmail()))
                .param("subject", valid.subject())
                .param("description", trimmed(input.description()))
                .param("category", category.name())
                .param("priority", priority.name())
                .param("channel", valid.channel().name())
                .param("queue", route.queueId())
                .param("assignee", assignee)
                .param("product", input.productId())
                .param("sale", input.saleId())
                .param("store", valid.storeId())
                .param("thread", threadId)
                .param("firstDue", Timestamp.from(firstDue))
                .param("resolutionDue", Timestamp.from(resolutionDue))
                .param("key", idempotencyKey)
                .param("hash", hash)
                .param("by", actor)
                .param("at", Timestamp.from(at))
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
        if (valid.customerId() != null) {
            timeline.recordEach(
                    new long[] {valid.customerId()},
                    at,
                    category.complaint() ? InteractionKind.COMPLAINT : InteractionKind.SERVICE_REQUEST,
                    null,
                    valid.subject(),
                    details(id, category, input.productId(), valid.storeId()));
        }
        audit.record("service.request.created", "service_request", id, Map.of("category", category.name()));
        return id;
    }

    private record Route(
            int queueId,
            @Nullable RequestCategory setCategory,
            @Nullable Priority setPriority) {}

    /** The first rule matching the category and a keyword of the text; else the first queue. */
    private Route route(@Nullable RequestCategory category, String text) {
        return jdbc.sql("""
                        select queue_id, set_category, set_priority from service_rule
                        where (match_category is null or match_category = :category)
                          and (keyword is null or strpos(lower(:text), lower(keyword)) > 0)
                        order by position, id limit 1""")
                .param("category", category == null ? null : category.name())
                .param("text", text)
                .query((rs, n) -> new Route(
                        rs.getInt("queue_id"),
                        rs.getString("set_category") == null
                                ? null
                                : RequestCategory.valueOf(rs.getString("set_category")),
                        rs.getString("set_priority") == null ? null : Priority.valueOf(rs.getString("set_priority"))))
                .optional()
                .orElseGet(() -> new Route(
                        jdbc.sql("select min(id) from service_queue")
                                .query(Integer.class)
                                .single(),
                        null,
                        null));
    }

    /** The queue's enabled agent with the fewest active requests (by name on a tie); null when it has none. */
    private @Nullable String nextAgent(int queueId) {
        return jdbc.sql("""
                        select a.username from service_queue_agent a join app_user u on u.username = a.username
                        where a.queue_id = :queue and u.enabled
                        order by (select count(*) from service_request r where r.assignee = a.username
                                  and r.due_at is not null), a.username
                        limit 1""")
                .param("queue", queueId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /** Refused unless the user is an enabled service agent or manager (a 400 naming the field). */
    Optional<FieldProblem> agentProblem(String field, @Nullable String username) {
        if (trimmed(username) == null) {
            return Optional.of(FieldProblem.of(field, "validation.required"));
        }
        boolean agent =
                jdbc.sql("""
                        select exists (select 1 from app_user where username = :u and enabled
                                       and role in ('SERVICE_AGENT', 'SERVICE_MANAGER', 'ADMIN'))""").param("u", username.strip()).query(Boolean.class).single();
        return agent ? Optional.empty() : Optional.of(FieldProblem.of(field, "validation.notAgent", username));
    }

    /**
     * A request, or 404 — also for one outside the current person's data scope, so every verb (each looks its request
     * up first), page and API call refuses it alike.
     */
    public Request find(long id) {
        DataScope scope = scopes.current();
        return jdbc.sql(SELECT + " where r.id = :id and " + inScope(scope))
                .param("id", id)
                .params(scope.parameters())
                .query(ServiceRequests::request)
                .optional()
                .orElseThrow(() -> new NotFoundException("No service request " + id));
    }

    private Request load(long id) {
        return jdbc.sql(SELECT + " where r.id = :id")
                .param("id", id)
                .query(ServiceRequests::request)
                .single();
    }

    /**
     * The data scope on a request (in {@link #SELECT}): its store — the receipt's, else the customer's home store —
     * or its customer's owner, as customers are scoped. A request of no customer and no receipt is outside a scope.
     */
    private static String inScope(DataScope scope) {
        return scope.predicate("coalesce(r.store_id, c.home_store_id)", "c.owner_username");
    }

    /** The conversation, oldest first. */
    public List<Message> conversation(long id) {
        return jdbc.sql("""
                        select id, kind, body, author, to_address, send_status, idempotency_key, created_at
                        from service_message
                        where request_id = :id order by id""")
                .param("id", id)
                .query((rs, n) -> new Message(
                        rs.getLong("id"),
                        MessageKind.valueOf(rs.getString("kind")),
                        rs.getString("body"),
                        rs.getString("author"),
                        rs.getString("to_address"),
                        rs.getString("send_status"),
                        rs.getString("idempotency_key"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /**
     * The queue: active requests (or those of the status asked for), the next target due first. An active request
     * has {@code due_at}, so the partial indexes by queue and assignee serve this order without a sort.
     */
    public PageResult<Request> queue(Filter filter, int page, int size) {
        DataScope scope = scopes.current();
        boolean active = filter.status() == null || filter.status().active();
        String where =
                " where " + (active ? "r.due_at is not null" : "r.due_at is null") + """
                   and (cast(:status as text) is null or r.status = :status)
                   and (cast(:queue as integer) is null or r.queue_id = :queue)
                   and (cast(:assignee as text) is null or r.assignee = :assignee)
                   and (cast(:category as text) is null or r.category = :category)
                """ + " and " + inScope(scope);
        String order = active ? " order by r.due_at, r.id" : " order by r.id desc";
        List<Request> items = jdbc.sql(SELECT + where + order + " limit :size offset :offset")
                .param(
                        "status",
                        filter.status() == null ? null : filter.status().name())
                .param("queue", filter.queueId())
                .param("assignee", filter.assignee())
                .param(
                        "category",
                        filter.category() == null ? null : filter.category().name())
                .param("size", size)
                .param("offset", (long) page * size)
                .params(scope.parameters())
                .query(ServiceRequests::request)
                .list();
        // counting a million rows would cost more than the page: the count stops at what the pager can show
        // the customer joined for the scope only (unreferenced, PostgreSQL removes the join); in the page's order, so
        // that it reads the same index: unordered, the planner chose a sequential scan it expected to stop early, and
        // the active tenth of 1,000,000 requests took 0.5 s to reach (docs/benchmarks.md)
        long total = jdbc.sql("select count(*) from (select 1 from service_request r"
                        + " left join customer c on c.id = r.customer_id" + where + order + " limit :cap) n")
                .param(
                        "status",
                        filter.status() == null ? null : filter.status().name())
                .param("queue", filter.queueId())
                .param("assignee", filter.assignee())
                .param(
                        "category",
                        filter.category() == null ? null : filter.category().name())
                .param("cap", (long) (page + 10) * size + 1)
                .params(scope.parameters())
                .query(Long.class)
                .single();
        return new PageResult<>(items, page, size, total);
    }

    /** The customer's requests, newest first (the customer page shows the latest 20). */
    public List<Request> ofCustomer(long customerId) {
        DataScope scope = scopes.current();
        return jdbc.sql(SELECT + " where r.customer_id = :c and " + inScope(scope)
                        + " order by r.created_at desc, r.id desc limit 20")
                .param("c", customerId)
                .params(scope.parameters())
                .query(ServiceRequests::request)
                .list();
    }

    /** The queues, by id. */
    public List<Queue> queues() {
        return jdbc.sql("select id, name, escalate_to, notify_email from service_queue order by id")
                .query((rs, n) -> new Queue(
                        rs.getInt("id"),
                        rs.getString("name"),
                        rs.getString("escalate_to"),
                        rs.getString("notify_email")))
                .list();
    }

    /** A queue: its escalation manager and the address escalation notices go to. */
    public record Queue(
            int id,
            String name,
            @Nullable String escalateTo,
            @Nullable String notifyEmail) {}

    /** Everyone a request can be given to: enabled service agents and managers, by name. */
    public List<String> agents() {
        return jdbc.sql("""
                        select username from app_user where enabled and role in ('SERVICE_AGENT', 'SERVICE_MANAGER')
                        order by username""").query(String.class).list();
    }

    /** An agent starts working a NEW request (OPEN). */
    @Transactional
    public Request work(long id) {
        change(id, "status = 'OPEN'", "r.status = 'NEW'");
        return find(id);
    }

    /** What an agent learns about a request after it came in; what is null stays as it was. */
    public record Classification(
            @Nullable String category,
            @Nullable String priority,
            @Nullable Integer productId,
            @Nullable Long saleId) {}

    /**
     * Classifies an active or resolved request (mail comes in as a QUESTION until an agent reads it): its category,
     * priority (the SLA targets are those of the new priority, from the request's creation), product and receipt,
     * checked as on creation. A request that becomes a complaint is put on the customer's timeline as one, once.
     */
    @Transactional
    public Request classify(long id, Classification input) {
        Request request = find(id);
        if (request.status() == RequestStatus.CLOSED || request.status() == RequestStatus.MERGED) {
            throw new InvalidInputException(FieldProblem.of("status", "validation.requestClosed"));
        }
        List<FieldProblem> problems = new ArrayList<>();
        RequestCategory category = trimmed(input.category()) == null
                ? request.category()
                : InputFields.oneOf("category", input.category(), RequestCategory.class, problems);
        Priority priority = trimmed(input.priority()) == null
                ? request.priority()
                : InputFields.oneOf("priority", input.priority(), Priority.class, problems);
        Integer productId = input.productId() != null ? input.productId() : request.productId();
        Long saleId = input.saleId() != null ? input.saleId() : request.saleId();
        Integer storeId = product(problems, category, productId, saleId, request.customerId());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        jdbc.sql("""
                        update service_request r set category = :category, priority = :priority, product_id = :product,
                            sale_id = :sale, store_id = coalesce(:store, r.store_id),
                            first_response_due = r.created_at + make_interval(mins => s.first_response_minutes),
                            resolution_due = r.created_at + make_interval(mins => s.resolution_minutes),
                            due_at = case when r.due_at is null then null
                                          when r.first_responded_at is null
                                          then r.created_at + make_interval(mins => s.first_response_minutes)
                                          else r.created_at + make_interval(mins => s.resolution_minutes) end,
                            updated_at = :now
                        from service_sla s where s.priority = :priority and r.id = :id""")
                .param("category", category.name())
                .param("priority", priority.name())
                .param("product", productId)
                .param("sale", saleId)
                .param("store", storeId)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
        if (category.complaint() && !request.category().complaint() && request.customerId() != null) {
            timeline.record(
                    request.customerId(),
                    InteractionKind.COMPLAINT,
                    request.subject(),
                    details(id, category, productId, storeId));
        }
        audit.record("service.request.classified", "service_request", id, Map.of("category", category.name()));
        return find(id);
    }

    /** Gives the request to an agent (a service agent or manager). */
    @Transactional
    public Request assign(long id, @Nullable String assignee) {
        agentProblem("assignee", assignee).ifPresent(p -> {
            throw new InvalidInputException(p);
        });
        find(id);
        jdbc.sql("update service_request set assignee = :a, updated_at = :now where id = :id")
                .param("a", assignee.strip())
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
        audit.record("service.request.assigned", "service_request", id, Map.of("assignee", assignee.strip()));
        return find(id);
    }

    /** An internal note, for colleagues only. */
    @Transactional
    public Message note(long id, @Nullable String body, String author, @Nullable String idempotencyKey) {
        find(id);
        String text = text("body", body);
        return replayed(id, idempotencyKey)
                .orElseGet(() -> addMessage(id, MessageKind.NOTE, text, author, null, null, null, idempotencyKey));
    }

    /** The message recorded before under the key, on this request (a key of another request is refused). */
    private Optional<Message> replayed(long requestId, @Nullable String idempotencyKey) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        Optional<Long> used = jdbc.sql("select request_id from service_message where idempotency_key = :key")
                .param("key", idempotencyKey)
                .query(Long.class)
                .optional();
        if (used.isPresent() && used.get() != requestId) {
            throw new KeyReusedException(idempotencyKey);
        }
        return used.isEmpty()
                ? Optional.empty()
                : conversation(requestId).stream()
                        .filter(m -> idempotencyKey.equals(m.idempotencyKey()))
                        .findFirst();
    }

    /**
     * A reply to the customer: sent by email (by {@link ServiceMail}, after the commit) to the request's or the
     * customer's address, in reply to the latest mail of the thread. The first reply is the first response; the
     * request then waits for the customer.
     */
    @Transactional
    public Message reply(long id, @Nullable String body, String author, @Nullable String idempotencyKey) {
        String text = text("body", body);
        Request request = find(id);
        Optional<Message> replayed = replayed(id, idempotencyKey);
        if (replayed.isPresent()) {
            return replayed.get();
        }
        if (!request.status().active() && request.status() != RequestStatus.RESOLVED) {
            throw new InvalidInputException(FieldProblem.of("status", "validation.requestClosed"));
        }
        String address = request.contactEmail() != null
                ? request.contactEmail()
                : request.customerId() == null
                        ? null
                        : jdbc.sql("select email from customer where id = :id")
                                .param("id", request.customerId())
                                .query(String.class)
                                .optional()
                                .orElse(null);
        String inReplyTo = jdbc.sql("""
                        select coalesce((select message_id from service_message where request_id = :id
                                         and kind = 'INBOUND' and message_id is not null order by id desc limit 1),
                                        (select thread_id from service_request where id = :id))""").param("id", id).query(String.class).single();
        String to = trimmed(address);
        Message message = addMessage(
                id,
                MessageKind.REPLY,
                text,
                author,
                to,
                inReplyTo,
                to == null ? null : newMessageId(id),
                idempotencyKey);
        Instant now = clock.instant();
        jdbc.sql("""
                        update service_request set first_responded_at = coalesce(first_responded_at, :now),
                            status = case when status in ('NEW', 'OPEN') then 'WAITING' else status end,
                            due_at = case when due_at is null then null else resolution_due end, updated_at = :now
                        where id = :id""").param("now", Timestamp.from(now)).param("id", id).update();
        return message;
    }

    /** Resolves an active request: its SLA clock stops; the customer may rate the service now. */
    @Transactional
    public Request resolve(long id) {
        change(id, "status = 'RESOLVED', resolved_at = :now, due_at = null", "r.status in ('NEW', 'OPEN', 'WAITING')");
        audit.record("service.request.resolved", "service_request", id, Map.of());
        return find(id);
    }

    /** Closes a resolved request for good. */
    @Transactional
    public Request close(long id) {
        change(id, "status = 'CLOSED'", "r.status = 'RESOLVED'");
        return find(id);
    }

    /** The customer's rating of a resolved (or closed) request, 1 to 5: the satisfaction question's answer. */
    @Transactional
    public Request rate(long id, @Nullable Integer satisfaction) {
        if (satisfaction == null || satisfaction < 1 || satisfaction > 5) {
            throw new InvalidInputException(FieldProblem.of("satisfaction", "validation.between", 1, 5));
        }
        find(id);
        int changed = jdbc.sql("""
                        update service_request set satisfaction = :s, updated_at = :now
                        where id = :id and status in ('RESOLVED', 'CLOSED')""")
                .param("s", satisfaction)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
        if (changed == 0) {
            throw new InvalidInputException(FieldProblem.of("status", "validation.requestNotResolved"));
        }
        return find(id);
    }

    /**
     * Merges a duplicate into the request it repeats: the duplicate's conversation moves over (so later mail in its
     * thread reaches the survivor) and it becomes MERGED. Both must be open or resolved, and different.
     */
    @Transactional
    public Request merge(long duplicateId, @Nullable Long intoId) {
        if (intoId == null || intoId == duplicateId) {
            throw new InvalidInputException(FieldProblem.of("into", "validation.mergeTarget"));
        }
        Request duplicate = find(duplicateId);
        Request into = jdbc.sql(SELECT + " where r.id = :id")
                .param("id", intoId)
                .query(ServiceRequests::request)
                .optional()
                .orElseThrow(() -> new InvalidInputException(FieldProblem.of("into", "validation.unknown", intoId)));
        if (duplicate.status() == RequestStatus.MERGED
                || duplicate.status() == RequestStatus.CLOSED
                || into.status() == RequestStatus.MERGED
                || into.status() == RequestStatus.CLOSED) {
            throw new InvalidInputException(FieldProblem.of("into", "validation.mergeTarget"));
        }
        jdbc.sql("update service_message set request_id = :into where request_id = :dup")
                .param("into", intoId)
                .param("dup", duplicateId)
                .update();
        jdbc.sql("""
                        update service_request set status = 'MERGED', merged_into = :into, due_at = null,
                                                   updated_at = :now
                        where id = :dup""")
                .param("into", intoId)
                .param("now", Timestamp.from(clock.instant()))
                .param("dup", duplicateId)
                .update();
        addMessage(
                intoId,
                MessageKind.NOTE,
                "Merged request #" + duplicateId + ": " + duplicate.subject(),
                "system",
                null,
                null,
                null,
                null);
        audit.record("service.request.merged", "service_request", duplicateId, Map.of("into", intoId));
        return find(intoId);
    }

    /**
     * Mail from the support mailbox: in reply to a mail of a request's thread, it joins that request (opening a
     * resolved or waiting one again); otherwise it becomes a new EMAIL request of the customer with that address (or
     * of the sender as a contact), routed and assigned like any other. A mail read twice is recorded once (its
     * Message-ID). Answers the request's id, or empty when the mail was known.
     */
    @Transactional
    public Optional<Long> receive(InboundMail mail) {
        boolean known =
                jdbc.sql("""
                        select exists (select 1 from service_message where message_id = :m)
                            or exists (select 1 from service_request where thread_id = :m)""").param("m", mail.messageId()).query(Boolean.class).single();
        if (known) {
            return Optional.empty();
        }
        Optional<Long> thread = mail.references().isEmpty()
                ? Optional.empty()
                : jdbc.sql("""
                                select coalesce(r.merged_into, r.id) from service_request r
                                where r.thread_id = any(:refs)
                                   or r.id in (select request_id from service_message where message_id = any(:refs))
                                order by r.id desc limit 1""")
                        .param("refs", mail.references().toArray(String[]::new))
                        .query(Long.class)
                        .optional();
        String body = mail.text().isBlank() ? "(" + mail.subject() + ")" : truncate(mail.text(), 20000);
        if (thread.isPresent()) {
            long id = thread.get();
            addMessage(id, MessageKind.INBOUND, body, mail.from(), null, null, mail.messageId(), null);
            jdbc.sql("""
                            update service_request
                            set status = case when status in ('RESOLVED', 'WAITING') then 'OPEN' else status end,
                                resolved_at = case when status = 'RESOLVED' then null else resolved_at end,
                                due_at = case when status in ('RESOLVED', 'WAITING') then resolution_due else due_at end,
                                updated_at = :now
                            where id = :id and status not in ('CLOSED', 'MERGED')""")
                    .param("now", Timestamp.from(clock.instant()))
                    .param("id", id)
                    .update();
            return thread;
        }
        Long customer = jdbc.sql("select min(id) from customer where email_key = lower(btrim(:email))")
                .param("email", mail.from())
                .query(Long.class)
                .optional()
                .orElse(null);
        String subject = mail.subject().isBlank()
                ? "(no subject)"
                : truncate(mail.subject().strip(), 200);
        RequestInput input = new RequestInput(
                customer,
                mail.fromName() == null ? null : truncate(mail.fromName(), 200),
                mail.from(),
                subject,
                body,
                null,
                null,
                RequestChannel.EMAIL.name(),
                null,
                null,
                null,
                null);
        Valid valid = new Valid(customer, subject, null, null, RequestChannel.EMAIL, null, clock.instant());
        return Optional.of(insert(valid, input, mail.messageId(), "mailbox", null, null));
    }

    /** A mail read from the support mailbox; {@code references} holds In-Reply-To and References, newest last. */
    public record InboundMail(
            String messageId,
            String from,
            @Nullable String fromName,
            String subject,
            String text,
            List<String> references) {}

    private String newMessageId(long requestId) {
        return "<s" + requestId + "." + token() + "@" + properties.mailDomain() + ">";
    }

    private Message addMessage(
            long requestId,
            MessageKind kind,
            String body,
            String author,
            @Nullable String to,
            @Nullable String inReplyTo,
            @Nullable String messageId,
            @Nullable String idempotencyKey) {
        Instant now = clock.instant();
        long id = jdbc.sql("""
                        insert into service_message (request_id, kind, body, author, to_address, message_id,
                                                     in_reply_to, send_status, idempotency_key, created_at)
                        values (:request, :kind, :body, :author, :to, :messageId, :inReplyTo, :status, :key, :now)
                        returning id""")
                .param("request", requestId)
                .param("kind", kind.name())
                .param("body", body)
                .param("author", author)
                .param("to", to)
                .param("messageId", messageId)
                .param("inReplyTo", inReplyTo)
                .param("status", to == null ? null : "PENDING")
                .param("key", idempotencyKey)
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
        return new Message(id, kind, body, author, to, to == null ? null : "PENDING", idempotencyKey, now);
    }

    /** Applies a status change guarded by the statuses it may come from; 404, or 400 naming {@code status}. */
    private void change(long id, String set, String guard) {
        find(id);
        int changed = jdbc.sql(
                        "update service_request r set " + set + ", updated_at = :now where r.id = :id and " + guard)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
        if (changed == 0) {
            throw new InvalidInputException(FieldProblem.of("status", "validation.requestStatus"));
        }
    }

    /** A new thread's Message-ID, for a request that did not come by mail. */
    private String newThreadId() {
        return "<t" + token() + "@" + properties.mailDomain() + ">";
    }

    private static String token() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String text(String field, @Nullable String body) {
        List<FieldProblem> problems = new ArrayList<>();
        String text = InputFields.required(field, body, 20000, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return text;
    }

    private static void length(List<FieldProblem> problems, String field, @Nullable String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(FieldProblem.of(field, "validation.length", max));
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static final String SELECT = """
            select r.*, q.name as queue_name, p.name as product_name,
                   nullif(btrim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')), '') as customer_name
            from service_request r
            join service_queue q on q.id = r.queue_id
            left join customer c on c.id = r.customer_id
            left join product p on p.id = r.product_id
            """;

    private static Request request(ResultSet rs, int n) throws SQLException {
        return new Request(
                rs.getLong("id"),
                rs.getObject("customer_id", Long.class),
                rs.getString("customer_name"),
                rs.getString("contact_name"),
                rs.getString("contact_email"),
                rs.getString("subject"),
                rs.getString("description"),
                RequestCategory.valueOf(rs.getString("category")),
                Priority.valueOf(rs.getString("priority")),
                RequestChannel.valueOf(rs.getString("channel")),
                RequestStatus.valueOf(rs.getString("status")),
                rs.getInt("queue_id"),
                rs.getString("queue_name"),
                rs.getString("assignee"),
                rs.getObject("product_id", Integer.class),
                rs.getString("product_name"),
                rs.getObject("sale_id", Long.class),
                rs.getObject("store_id", Integer.class),
                rs.getTimestamp("first_response_due").toInstant(),
                rs.getTimestamp("resolution_due").toInstant(),
                instant(rs, "first_responded_at"),
                instant(rs, "resolved_at"),
                instant(rs, "escalated_at"),
                rs.getObject("merged_into", Long.class),
                rs.getObject("satisfaction", Integer.class),
                rs.getTimestamp("created_at").toInstant());
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String hash(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An idempotency key used before for a different request body. */
    public static final class KeyReusedException extends RuntimeException {
        KeyReusedException(String key) {
            super("Idempotency-Key '" + key + "' was already used for a different request body");
        }
    }
}
