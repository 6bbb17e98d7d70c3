package io.clientele.sales;

import io.clientele.audit.AuditTrail;
import io.clientele.customer.Customers;
import io.clientele.customer.InteractionKind;
import io.clientele.customer.Timeline;
import io.clientele.platform.ConflictException;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.PageResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Leads: a person's interest for a salesperson to work. One open lead (NEW or WORKING) per person: a second interest
 * of the same customer, or of a new contact with the same email or phone, returns and updates the first. Each lead is
 * scored when created or changed ({@link #rescore}) and, created without an owner, dealt by the assignment rules
 * ({@link #assign}); see docs/sales.md. A salesperson sees and changes only their own leads.
 */
@Service
public class Leads {
    static final String OPEN = "('NEW', 'WORKING')";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("[0-9 +()\\-]{6,20}");

    /** A lead as lists, pages and the API show it. */
    public record Lead(
            long id,
            @Nullable Long customerId,
            @Nullable String customerName,
            @Nullable String contactName,
            @Nullable String contactEmail,
            @Nullable String contactPhone,
            LeadSource source,
            @Nullable Long campaignId,
            @Nullable String campaignName,
            @Nullable Long stepId,
            @Nullable String journeyNode,
            LeadStatus status,
            @Nullable String disqualifyReason,
            int score,
            @Nullable String owner,
            @Nullable String note,
            @Nullable Long opportunityId,
            Instant createdAt,
            Instant updatedAt) {
        /** The name to show: the customer's, else the contact's, else their email or phone. */
        public String person() {
            for (String name : new String[] {customerName, contactName, contactEmail, contactPhone}) {
                if (name != null && !name.isBlank()) {
                    return name;
                }
            }
            return customerId == null ? "?" : "#" + customerId;
        }
    }

    /** A lead to create: a customer, or a new contact (name, email, phone); all text, so bad input is a field error. */
    public record LeadInput(
            @Nullable Long customerId,
            @Nullable String name,
            @Nullable String email,
            @Nullable String phone,
            @Nullable String source,
            @Nullable Long campaignId,
            @Nullable Long stepId,
            @Nullable String journeyNode,
            @Nullable String owner,
            @Nullable String note) {}

    /** What a create did: a new lead, or the person's open lead updated (or, under a used key, the first answer). */
    public record Created(Lead lead, boolean created, boolean replayed) {}

    /** List filters; null is any. */
    public record Filter(
            @Nullable LeadStatus status,
            @Nullable String owner,
            @Nullable LeadSource source,
            @Nullable Long campaignId) {
        public static final Filter ANY = new Filter(null, null, null, null);
    }

    private final JdbcClient jdbc;
    private final Timeline timeline;
    private final Customers customers;
    private final Clock clock;
    private final AuditTrail audit;

    Leads(JdbcClient jdbc, Timeline timeline, Customers customers, Clock clock, AuditTrail audit) {
        this.jdbc = jdbc;
        this.timeline = timeline;
        this.customers = customers;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * Creates a lead, or answers the person's open lead (filling in what it lacked). A retry under the same
     * idempotency key answers the lead the first call did; the key with another body is refused.
     */
    @Transactional
    public Created create(LeadInput input, String actor, @Nullable String idempotencyKey) {
        String hash = idempotencyKey == null ? null : hash(input);
        if (idempotencyKey != null) {
            Optional<Map<String, Object>> used = jdbc
                    .sql("select id, request_hash from lead where idempotency_key = :key")
                    .param("key", idempotencyKey)
                    .query()
                    .listOfRows()
                    .stream()
                    .findFirst();
            if (used.isPresent()) {
                if (!hash.equals(used.get().get("request_hash"))) {
                    throw new KeyReusedException(idempotencyKey);
                }
                return new Created(load(((Number) used.get().get("id")).longValue()), false, true);
            }
        }
        LeadSource source = validate(input);
        // a salesperson's lead is their own unless they name another salesperson
        String limit = SalesViewer.ownerLimit();
        String owner = blankToNull(input.owner()) != null ? blankToNull(input.owner()) : limit;
        Long customerId = input.customerId() != null ? input.customerId() : matchingCustomer(input);
        Instant now = clock.instant();
        Long existing = openLeadOf(customerId, input);
        if (existing != null && limit != null) {
            String holder = load(existing).owner();
            if (holder != null && !holder.equals(limit)) {
                throw new ConflictException("This person has an open lead of another salesperson");
            }
        }
        if (existing != null) {
            jdbc.sql("""
                            update lead set updated_at = :now,
                                            owner_username = coalesce(owner_username, :owner),
                                            contact_name = coalesce(contact_name, :name),
                                            contact_email = coalesce(contact_email, :email),
                                            contact_phone = coalesce(contact_phone, :phone),
                                            note = coalesce(note, :note)
                            where id = :id""")
                    .param("now", Timestamp.from(now))
                    .param("owner", owner)
                    .param("name", customerId == null ? blankToNull(input.name()) : null)
                    .param("email", customerId == null ? blankToNull(input.email()) : null)
                    .param("phone", customerId == null ? blankToNull(input.phone()) : null)
                    .param("note", blankToNull(input.note()))
                    .param("id", existing)
                    .update();
            long[] ids = {existing};
            assign(ids);
            rescore(ids);
            return new Created(load(existing), false, false);
        }
        long id = jdbc.sql("""
                        insert into lead (customer_id, contact_name, contact_email, contact_phone, source, campaign_id,
                                          step_id, journey_node, owner_username, note, idempotency_key, request_hash,
                                          created_by, created_at, updated_at)
                        values (:customer, :name, :email, :phone, :source, :campaign, :step, :node, :owner, :note,
                                :key, :hash, :by, :now, :now)
                        returning id""")
                .param("customer", customerId)
                .param("name", customerId == null ? blankToNull(input.name()) : null)
                .param("email", customerId == null ? blankToNull(input.email()) : null)
                .param("phone", customerId == null ? blankToNull(input.phone()) : null)
                .param("source", source.name())
                .param("campaign", input.campaignId())
                .param("step", input.stepId())
                .param("node", blankToNull(input.journeyNode()))
                .param("owner", owner)
                .param("note", blankToNull(input.note()))
                .param("key", idempotencyKey)
                .param("hash", hash)
                .param("by", actor)
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
        long[] ids = {id};
        assign(ids);
        rescore(ids);
        if (customerId != null) {
            timeline.recordEach(
                    new long[] {customerId},
                    now,
                    InteractionKind.LEAD_CREATED,
                    null,
                    source.name(),
                    Map.of("lead", id));
        }
        return new Created(load(id), true, false);
    }

    /**
     * Leads for many customers in one statement (a journey's action, a response rule): a customer with an open lead
     * keeps it (updated), an origin that made the customer a lead makes none again. Owners are dealt among {@code owners} (by the
     * customer's id, so a retry deals the same) or, with none, by the assignment rules. Answers the new leads' ids.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long[] createAll(
            LeadSource source,
            @Nullable Long campaignId,
            @Nullable Long stepId,
            @Nullable String journeyNode,
            List<String> owners,
            long[] customerIds,
            @Nullable String[] origins,
            Instant at,
            String actor) {
        if (customerIds.length == 0) {
            return new long[0];
        }
        List<String> salespeople = salespeople(owners);
        List<Map<String, Object>> rows = jdbc.sql("""
                        insert into lead (customer_id, source, campaign_id, step_id, journey_node, owner_username,
                                          origin, created_by, created_at, updated_at)
                        select c.customer_id, :source, :campaign, :step, :node,
                               case when :n > 0 then (cast(:owners as text[]))[1 + mod(c.customer_id, greatest(:n, 1))] end,
                               c.origin, :by, :at, :at
                        from unnest(cast(:customers as bigint[]), cast(:origins as text[])) as c(customer_id, origin)
                        where c.origin is null
                           or not exists (select 1 from lead l where l.origin = c.origin and l.customer_id = c.customer_id)
                        on conflict (customer_id) where customer_id is not null and status in ('NEW', 'WORKING')
                        do update set updated_at = excluded.updated_at
                        returning id, customer_id, (xmax = 0) as inserted""")
                .param("source", source.name())
                .param("campaign", campaignId)
                .param("step", stepId)
                .param("node", journeyNode)
                .param("owners", salespeople.toArray(String[]::new))
                .param("n", salespeople.size())
                .param("customers", Arrays.stream(customerIds).boxed().toArray(Long[]::new))
                .param("origins", origins)
                .param("by", actor)
                .param("at", Timestamp.from(at))
                .query()
                .listOfRows();
        long[] ids =
                rows.stream().mapToLong(r -> ((Number) r.get("id")).longValue()).toArray();
        long[] created = rows.stream()
                .filter(r -> Boolean.TRUE.equals(r.get("inserted")))
                .mapToLong(r -> ((Number) r.get("id")).longValue())
                .toArray();
        long[] createdFor = rows.stream()
                .filter(r -> Boolean.TRUE.equals(r.get("inserted")))
                .mapToLong(r -> ((Number) r.get("customer_id")).longValue())
                .toArray();
        assign(created);
        rescore(ids);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", source.name());
        if (campaignId != null) {
            details.put("campaignId", campaignId);
        }
        timeline.recordEach(createdFor, at, InteractionKind.LEAD_CREATED, null, source.name(), details);
        return created;
    }

    /** Everyone a lead can be given to: the enabled users with the SALES role, by name. */
    public List<String> salespeople() {
        return jdbc.sql("select username from app_user where role = 'SALES' and enabled order by username")
                .query(String.class)
                .list();
    }

    /** The users among {@code names} with the SALES role, in the order given. */
    private List<String> salespeople(List<String> names) {
        if (names.isEmpty()) {
            return names;
        }
        List<String> sales = jdbc.sql("select username from app_user where role = 'SALES' and username = any(:names)")
                .param("names", names.toArray(String[]::new))
                .query(String.class)
                .list();
        return names.stream().filter(sales::contains).toList();
    }

    /** A lead whoever is asking, for the answer to its creation. */
    private Lead load(long id) {
        return jdbc.sql(SELECT + " where l.id = :id")
                .param("id", id)
                .query(Leads::lead)
                .single();
    }

    /** A lead the viewer may see, or 404. */
    public Lead find(long id) {
        String limit = SalesViewer.ownerLimit();
        return jdbc.sql(SELECT + " where l.id = :id and (cast(:limit as text) is null or l.owner_username = :limit)")
                .param("id", id)
                .param("limit", limit)
                .query(Leads::lead)
                .optional()
                .orElseThrow(() -> new NotFoundException("No lead " + id));
    }

    /** The viewer's leads (a salesperson's own, a manager's all), highest score first. */
    public PageResult<Lead> page(Filter filter, int page, int size) {
        String where = """
                 where (cast(:limit as text) is null or l.owner_username = :limit)
                   and (cast(:status as text) is null or l.status = :status)
                   and (cast(:owner as text) is null or l.owner_username = :owner)
                   and (cast(:source as text) is null or l.source = :source)
                   and (cast(:campaign as bigint) is null or l.campaign_id = :campaign)""";
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("limit", SalesViewer.ownerLimit());
        params.put("status", filter.status() == null ? null : filter.status().name());
        params.put("owner", blankToNull(filter.owner()));
        params.put("source", filter.source() == null ? null : filter.source().name());
        params.put("campaign", filter.campaignId());
        long total = jdbc.sql("select count(*) from lead l " + where)
                .params(params)
                .query(Long.class)
                .single();
        List<Lead> items = jdbc.sql(
                        SELECT + " " + where + " order by l.score desc, l.id desc limit :size offset :offset")
                .params(params)
                .param("size", size)
                .param("offset", (long) page * size)
                .query(Leads::lead)
                .list();
        return new PageResult<>(items, page, size, total);
    }

    /** A customer's leads, newest first (for the customer page, within the viewer's own). */
    public List<Lead> ofCustomer(long customerId) {
        return jdbc.sql(SELECT + """
                         where l.customer_id = :customer
                           and (cast(:limit as text) is null or l.owner_username = :limit)
                         order by l.created_at desc, l.id desc limit 50""")
                .param("customer", customerId)
                .param("limit", SalesViewer.ownerLimit())
                .query(Leads::lead)
                .list();
    }

    /** The salesperson starts working the lead. */
    @Transactional
    public Lead work(long id) {
        Lead lead = find(id);
        if (lead.status() != LeadStatus.NEW) {
            throw new InvalidInputException(FieldProblem.of("status", "validation.oneOf", LeadStatus.NEW));
        }
        setStatus(id, LeadStatus.WORKING, null);
        return find(id);
    }

    /** The lead is not worth working: the reason is required; a lead already converted cannot be disqualified. */
    @Transactional
    public Lead disqualify(long id, @Nullable String reason) {
        Lead lead = find(id);
        List<FieldProblem> problems = new ArrayList<>();
        if (reason == null || reason.isBlank()) {
            problems.add(FieldProblem.of("reason", "validation.required"));
        } else if (reason.length() > 500) {
            problems.add(FieldProblem.of("reason", "validation.length", 500));
        }
        if (lead.opportunityId() != null) {
            problems.add(FieldProblem.of("status", "validation.leadConverted"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        setStatus(id, LeadStatus.DISQUALIFIED, reason.strip());
        audit.record("lead.disqualified", "lead", id, Map.of("reason", reason.strip()));
        return find(id);
    }

    /** A lead becomes QUALIFIED when converted (by {@link Opportunities}), in its transaction. */
    void qualify(long id) {
        setStatus(id, LeadStatus.QUALIFIED, null);
    }

    private void setStatus(long id, LeadStatus status, @Nullable String reason) {
        jdbc.sql("update lead set status = :status, disqualify_reason = :reason, updated_at = :now where id = :id")
                .param("status", status.name())
                .param("reason", reason)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
        rescore(new long[] {id});
    }

    /**
     * Gives the leads to another salesperson, all or none: every lead must be one the viewer may change, the owner a
     * user with the SALES role. Answers how many changed.
     */
    @Transactional
    public int reassign(List<Long> ids, @Nullable String owner) {
        List<FieldProblem> problems = new ArrayList<>();
        if (ids.isEmpty() || ids.size() > 1000) {
            problems.add(FieldProblem.of("ids", "validation.between", 1, 1000));
        }
        ownerProblem(owner).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Long[] given = ids.stream().distinct().toArray(Long[]::new);
        long visible = jdbc.sql("""
                        select count(*) from lead
                        where id = any(:ids) and (cast(:limit as text) is null or owner_username = :limit)""")
                .param("ids", given)
                .param("limit", SalesViewer.ownerLimit())
                .query(Long.class)
                .single();
        if (visible < given.length) {
            throw new NotFoundException("Not all of the leads " + ids + " exist for you");
        }
        int changed = jdbc.sql("update lead set owner_username = :owner, updated_at = :now where id = any(:ids)")
                .param("owner", owner)
                .param("now", Timestamp.from(clock.instant()))
                .param("ids", given)
                .update();
        audit.record("lead.reassigned", "lead", given.length == 1 ? given[0] : "*", Map.of("ids", ids, "owner", owner));
        return changed;
    }

    /** Refused unless the owner is a user with the SALES role (a 400 naming {@code owner}). */
    Optional<FieldProblem> ownerProblem(@Nullable String owner) {
        if (owner == null || owner.isBlank()) {
            return Optional.of(FieldProblem.of("owner", "validation.required"));
        }
        boolean sales = jdbc.sql(
                        "select exists (select 1 from app_user where username = :u and role = 'SALES' and enabled)")
                .param("u", owner)
                .query(Boolean.class)
                .single();
        return sales ? Optional.empty() : Optional.of(FieldProblem.of("owner", "validation.notSales", owner));
    }

    private LeadSource validate(LeadInput input) {
        List<FieldProblem> problems = new ArrayList<>();
        LeadSource source = null;
        if (input.source() == null || input.source().isBlank()) {
            problems.add(FieldProblem.of("source", "validation.required"));
        } else {
            try {
                source = LeadSource.valueOf(input.source().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(FieldProblem.of("source", "validation.oneOf", Arrays.toString(LeadSource.values())));
            }
        }
        if (input.customerId() != null) {
            if (!customers.inScope(input.customerId())) {
                problems.add(FieldProblem.of("customerId", "validation.unknown", input.customerId()));
            }
        } else if (blankToNull(input.name()) == null
                && blankToNull(input.email()) == null
                && blankToNull(input.phone()) == null) {
            problems.add(FieldProblem.of("customerId", "validation.leadPerson"));
        }
        length(problems, "name", input.name(), 200);
        length(problems, "note", input.note(), 2000);
        length(problems, "journeyNode", input.journeyNode(), 100);
        if (blankToNull(input.email()) != null
                && !EMAIL.matcher(input.email().strip()).matches()) {
            problems.add(FieldProblem.of("email", "validation.email"));
        }
        if (blankToNull(input.phone()) != null
                && !PHONE.matcher(input.phone().strip()).matches()) {
            problems.add(FieldProblem.of("phone", "validation.phone"));
        }
        if (blankToNull(input.owner()) != null) {
            ownerProblem(input.owner()).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return source;
    }

    private static void length(List<FieldProblem> problems, String field, @Nullable String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(FieldProblem.of(field, "validation.length", max));
        }
    }

    /** A new contact who is a customer already (the same email or phone): the lead is that customer's. */
    private @Nullable Long matchingCustomer(LeadInput input) {
        String email = blankToNull(input.email());
        String phone = blankToNull(input.phone());
        if (email == null && phone == null) {
            return null;
        }
        return jdbc.sql("""
                        select min(id) from customer
                        where email_key = nullif(lower(btrim(cast(:email as text))), '')
                           or phone_key = nullif(regexp_replace(coalesce(cast(:phone as text), ''), '\\D', '', 'g'), '')""")
                .param("email", email)
                .param("phone", phone)
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    private @Nullable Long openLeadOf(@Nullable Long customerId, LeadInput input) {
        if (customerId != null) {
            return jdbc.sql("select id from lead where customer_id = :c and status in " + OPEN)
                    .param("c", customerId)
                    .query(Long.class)
                    .optional()
                    .orElse(null);
        }
        return jdbc.sql("""
                        select min(id) from lead
                        where customer_id is null and status in ('NEW', 'WORKING')
                          and (email_key = nullif(lower(btrim(cast(:email as text))), '')
                               or phone_key = nullif(regexp_replace(coalesce(cast(:phone as text), ''), '\\D', '', 'g'), ''))""")
                .param("email", blankToNull(input.email()))
                .param("phone", blankToNull(input.phone()))
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    /**
     * Deals the leads without an owner, in one statement: to a salesperson whose stores or regions hold the
     * customer's home store, else (a grade A customer) to a senior of the settings' list, else round-robin (the one
     * who least recently got a lead first) among salespeople with room below their capacity (their own, else
     * the default). Whom none has room for
     * stays unassigned, for a manager to deal.
     */
    void assign(long[] ids) {
        if (ids.length == 0) {
            return;
        }
        jdbc.sql("""
                        with settings as (select capacity, seniors from lead_settings),
                        sales as (
                            select u.username,
                                   coalesce((select c.capacity from lead_capacity c where c.username = u.username),
                                            (select capacity from settings))
                                       - (select count(*) from lead o where o.owner_username = u.username
                                            and o.status in ('NEW', 'WORKING')) as room,
                                   (select max(o.created_at) from lead o where o.owner_username = u.username) as last
                            from app_user u where u.role = 'SALES' and u.enabled),
                        todo as (
                            select l.id, c.home_store_id,
                                   (select s.grade from customer_score s join score_run r on r.id = s.run_id
                                    where s.customer_id = l.customer_id and r.status = 'COMPLETED'
                                    order by r.id desc limit 1) as grade
                            from lead l left join customer c on c.id = l.customer_id
                            where l.id = any(:ids) and l.owner_username is null),
                        scoped as (
                            select t.id, (array_agg(a.username order by a.username))[1 + mod(t.id, count(*))] as owner
                            from todo t
                            join store st on st.id = t.home_store_id
                            join region rg on rg.id = st.region_id
                            join sales a on a.room > 0
                            join app_user_scope x on x.username = a.username
                                 and ((x.kind = 'STORE' and x.code = st.code) or (x.kind = 'REGION' and x.code = rg.code))
                            group by t.id),
                        senior as (
                            select t.id, (array_agg(a.username order by a.username))[1 + mod(t.id, count(*))] as owner
                            from todo t
                            join settings se on true
                            join sales a on a.room > 0 and a.username = any(se.seniors)
                            where t.grade = 'A' and t.id not in (select id from scoped)
                            group by t.id),
                        rest as (
                            select t.id, row_number() over (order by t.id) as k from todo t
                            where t.id not in (select id from scoped) and t.id not in (select id from senior)),
                        slots as (
                            select a.username, row_number() over (order by g.n, a.last nulls first, a.username) as k
                            from sales a, generate_series(1, least(a.room, (select count(*) from rest))) as g(n)),
                        chosen as (
                            select id, owner from scoped
                            union all select id, owner from senior
                            union all select r.id, s.username from rest r join slots s on s.k = r.k)
                        update lead l set owner_username = c.owner from chosen c where l.id = c.id""")
                .param("ids", Arrays.stream(ids).boxed().toArray(Long[]::new))
                .update();
    }

    /**
     * The score, 0 to 100, in one statement: profile (an email 10, a phone 10, a customer who has bought 10), value
     * grade of the latest scoring run (A 40, B 25, C 10) and engagement (6 for each click, call outcome or coupon
     * redemption in the 90 days before now, at most 30). See docs/sales.md.
     */
    void rescore(long[] ids) {
        if (ids.length == 0) {
            return;
        }
        jdbc.sql("""
                        update lead l set score = least(100,
                              (case when coalesce(c.email, l.contact_email) is not null then 10 else 0 end)
                            + (case when coalesce(c.phone, l.contact_phone) is not null then 10 else 0 end)
                            + (case when c.first_purchase_at is not null then 10 else 0 end)
                            + coalesce((select case s.grade when 'A' then 40 when 'B' then 25 when 'C' then 10 else 0 end
                                        from customer_score s join score_run r on r.id = s.run_id
                                        where s.customer_id = l.customer_id and r.status = 'COMPLETED'
                                        order by r.id desc limit 1), 0)
                            + least(30, 6 * (select count(*) from campaign_response p
                                             where p.customer_id = l.customer_id
                                               and p.kind in ('CLICKED', 'CALL_OUTCOME', 'REDEEMED')
                                               and p.at > cast(:now as timestamptz) - interval '90 days')))
                        from lead x left join customer c on c.id = x.customer_id
                        where x.id = l.id and l.id = any(:ids)""")
                .param("ids", Arrays.stream(ids).boxed().toArray(Long[]::new))
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    static final String SELECT = """
            select l.*, nullif(btrim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')), '') as customer_name,
                   g.name as campaign_name, o.id as opportunity_id
            from lead l
            left join customer c on c.id = l.customer_id
            left join campaign g on g.id = l.campaign_id
            left join opportunity o on o.lead_id = l.id
            """;

    static Lead lead(ResultSet rs, int n) throws SQLException {
        return new Lead(
                rs.getLong("id"),
                rs.getObject("customer_id", Long.class),
                rs.getString("customer_name"),
                rs.getString("contact_name"),
                rs.getString("contact_email"),
                rs.getString("contact_phone"),
                LeadSource.valueOf(rs.getString("source")),
                rs.getObject("campaign_id", Long.class),
                rs.getString("campaign_name"),
                rs.getObject("step_id", Long.class),
                rs.getString("journey_node"),
                LeadStatus.valueOf(rs.getString("status")),
                rs.getString("disqualify_reason"),
                rs.getInt("score"),
                rs.getString("owner_username"),
                rs.getString("note"),
                rs.getObject("opportunity_id", Long.class),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String hash(LeadInput input) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(input.toString().getBytes(StandardCharsets.UTF_8)));
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
