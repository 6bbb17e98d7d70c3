package io.clientele.sales;

import io.clientele.audit.AuditTrail;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.PageResult;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opportunities: a qualified lead's products, amount, expected close date and owner, moving through the pipeline's
 * stages. A WON or LOST opportunity is closed and stays where it is; a won one can be matched to the customer's POS
 * receipt. A salesperson sees and changes only their own.
 */
@Service
public class Opportunities {
    public record Opportunity(
            long id,
            long leadId,
            @Nullable Long customerId,
            String person,
            String title,
            @Nullable String products,
            List<String> skus,
            BigDecimal amount,
            PipelineStages.Stage stage,
            @Nullable LocalDate expectedCloseOn,
            String owner,
            @Nullable String closeReason,
            @Nullable Long saleId,
            Instant createdAt,
            @Nullable Instant closedAt) {}

    /** The fields of a conversion or a change; all text, so a bad value is a field error. */
    public record OpportunityInput(
            @Nullable String title,
            @Nullable String products,
            @Nullable List<String> skus,
            @Nullable String amount,
            @Nullable String stage,
            @Nullable String expectedCloseOn,
            @Nullable String owner) {}

    public record Filter(
            @Nullable String stage,
            @Nullable String owner,
            @Nullable Long campaignId) {
        public static final Filter ANY = new Filter(null, null, null);
    }

    private final JdbcClient jdbc;
    private final Leads leads;
    private final PipelineStages stages;
    private final Clock clock;
    private final AuditTrail audit;

    Opportunities(JdbcClient jdbc, Leads leads, PipelineStages stages, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.leads = leads;
        this.stages = stages;
        this.clock = clock;
    }

    /**
     * Converts an open (or qualified, not yet converted) lead: the lead becomes QUALIFIED and linked. The stage
     * defaults to the first, the owner to the lead's (or the viewer, a salesperson without one), the title to the
     * person's name.
     */
    @Transactional
    public Opportunity convert(long leadId, OpportunityInput input) {
        Leads.Lead lead = leads.find(leadId);
        List<FieldProblem> problems = new ArrayList<>();
        if (lead.opportunityId() != null || lead.status() == LeadStatus.DISQUALIFIED) {
            problems.add(FieldProblem.of("status", "validation.leadConverted"));
        }
        String owner = Leads.blankToNull(input.owner());
        if (owner == null) {
            owner = lead.owner() != null ? lead.owner() : SalesViewer.ownerLimit();
        }
        leads.ownerProblem(owner).ifPresent(problems::add);
        BigDecimal amount = amount(input.amount(), problems);
        PipelineStages.Stage stage = input.stage() == null || input.stage().isBlank()
                ? stages.all().getFirst()
                : stage(input.stage(), problems);
        LocalDate close = date(input.expectedCloseOn(), problems);
        String title = Leads.blankToNull(input.title()) == null
                ? lead.person()
                : input.title().strip();
        textProblems(title, input.products(), problems);
        List<Integer> products = products(input.skus(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Instant now = clock.instant();
        long id = jdbc.sql("""
                        insert into opportunity (lead_id, customer_id, title, products, amount, stage_id,
                                                 expected_close_on, owner_username, created_at, updated_at, closed_at)
                        values (:lead, :customer, :title, :products, :amount, :stage, :close, :owner, :now, :now,
                                case when :closed then cast(:now as timestamptz) end)
                        returning id""")
                .param("lead", leadId)
                .param("customer", lead.customerId())
                .param("title", title)
                .param("products", Leads.blankToNull(input.products()))
                .param("amount", amount)
                .param("stage", stage.id())
                .param("close", close == null ? null : Date.valueOf(close))
                .param("owner", owner)
                .param("now", Timestamp.from(now))
                .param("closed", stage.closed())
                .query(Long.class)
                .single();
        setProducts(id, products);
        leads.qualify(leadId);
        audit.record(
                "opportunity.created",
                "opportunity",
                id,
                Map.of("lead", leadId, "amount", amount, "stage", stage.name()));
        return find(id);
    }

    /**
     * Changes the open opportunity's fields (those given); moving to WON or LOST closes it, LOST with a reason.
     * A closed opportunity cannot move (400 naming {@code stage}).
     */
    @Transactional
    public Opportunity update(long id, OpportunityInput input, @Nullable String reason) {
        Opportunity current = find(id);
        List<FieldProblem> problems = new ArrayList<>();
        PipelineStages.Stage stage =
                input.stage() == null || input.stage().isBlank() ? current.stage() : stage(input.stage(), problems);
        if (current.stage().closed()
                && stage != null
                && stage.id() != current.stage().id()) {
            problems.add(FieldProblem.of(
                    "stage", "validation.opportunityClosed", current.stage().name()));
        }
        if (stage != null
                && "LOST".equals(stage.outcome())
                && !current.stage().closed()
                && (reason == null || reason.isBlank())) {
            problems.add(FieldProblem.of("reason", "validation.required"));
        }
        if (reason != null && reason.length() > 500) {
            problems.add(FieldProblem.of("reason", "validation.length", 500));
        }
        String owner = Leads.blankToNull(input.owner());
        if (owner != null) {
            leads.ownerProblem(owner).ifPresent(problems::add);
        }
        BigDecimal amount = input.amount() == null ? current.amount() : amount(input.amount(), problems);
        LocalDate close =
                input.expectedCloseOn() == null ? current.expectedCloseOn() : date(input.expectedCloseOn(), problems);
        String title = Leads.blankToNull(input.title()) == null
                ? current.title()
                : input.title().strip();
        textProblems(title, input.products(), problems);
        List<Integer> products = input.skus() == null ? null : products(input.skus(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        boolean closing = !current.stage().closed() && stage.closed();
        jdbc.sql("""
                        update opportunity set title = :title, products = coalesce(:products, products),
                               amount = :amount, stage_id = :stage, expected_close_on = :close,
                               owner_username = coalesce(:owner, owner_username),
                               close_reason = case when :closing then :reason else close_reason end,
                               closed_at = case when :closing then cast(:now as timestamptz) else closed_at end,
                               updated_at = :now
                        where id = :id""")
                .param("title", title)
                .param("products", Leads.blankToNull(input.products()))
                .param("amount", amount)
                .param("stage", stage.id())
                .param("close", close == null ? null : Date.valueOf(close))
                .param("owner", owner)
                .param("closing", closing)
                .param("reason", Leads.blankToNull(reason))
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
        if (stage.id() != current.stage().id()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("from", current.stage().name());
            details.put("to", stage.name());
            if (reason != null && !reason.isBlank()) {
                details.put("reason", reason.strip());
            }
            audit.record("opportunity.moved", "opportunity", id, details);
        }
        if (products != null) {
            setProducts(id, products);
        }
        return find(id);
    }

    /** Matches a won opportunity to a POS receipt of the same customer, not matched to another opportunity. */
    @Transactional
    public Opportunity matchReceipt(long id, @Nullable Long saleId) {
        Opportunity current = find(id);
        List<FieldProblem> problems = new ArrayList<>();
        if (!"WON".equals(current.stage().outcome())) {
            problems.add(FieldProblem.of("stage", "validation.opportunityNotWon"));
        }
        if (saleId == null) {
            problems.add(FieldProblem.of("saleId", "validation.required"));
        } else {
            boolean ok = jdbc.sql("""
                            select exists (select 1 from sale s where s.id = :sale and s.kind = 'SALE'
                                             and s.customer_id = cast(:customer as bigint))
                               and not exists (select 1 from opportunity o where o.sale_id = :sale and o.id <> :id)""")
                    .param("sale", saleId)
                    .param("customer", current.customerId())
                    .param("id", id)
                    .query(Boolean.class)
                    .single();
            if (!ok) {
                problems.add(FieldProblem.of("saleId", "validation.receiptNotCustomers", saleId));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        audit.record("opportunity.matched", "opportunity", id, Map.of("sale", saleId));
        jdbc.sql("update opportunity set sale_id = :sale, updated_at = :now where id = :id")
                .param("sale", saleId)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
        return find(id);
    }

    /** An opportunity the viewer may see, or 404. */
    public Opportunity find(long id) {
        return jdbc.sql(SELECT + " where o.id = :id and (cast(:limit as text) is null or o.owner_username = :limit)")
                .param("id", id)
                .param("limit", SalesViewer.ownerLimit())
                .query(this::opportunity)
                .optional()
                .orElseThrow(() -> new NotFoundException("No opportunity " + id));
    }

    /** The viewer's opportunities by stage order, then expected close date. */
    public PageResult<Opportunity> page(Filter filter, int page, int size) {
        String where = """
                 where (cast(:limit as text) is null or o.owner_username = :limit)
                   and (cast(:stage as text) is null or st.name = :stage)
                   and (cast(:owner as text) is null or o.owner_username = :owner)
                   and (cast(:campaign as bigint) is null or l.campaign_id = :campaign)""";
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("limit", SalesViewer.ownerLimit());
        params.put("stage", Leads.blankToNull(filter.stage()));
        params.put("owner", Leads.blankToNull(filter.owner()));
        params.put("campaign", filter.campaignId());
        long total =
                jdbc.sql("""
                        select count(*) from opportunity o join lead l on l.id = o.lead_id
                        join pipeline_stage st on st.id = o.stage_id""" + " " + where).params(params).query(Long.class).single();
        List<Opportunity> items = jdbc.sql(SELECT + " " + where
                        + " order by st.position, o.expected_close_on nulls last, o.id limit :size offset :offset")
                .params(params)
                .param("size", size)
                .param("offset", (long) page * size)
                .query(this::opportunity)
                .list();
        return new PageResult<>(items, page, size, total);
    }

    /** A customer's opportunities, newest first, within the viewer's own. */
    public List<Opportunity> ofCustomer(long customerId) {
        return jdbc.sql(SELECT + """
                         where o.customer_id = :customer
                           and (cast(:limit as text) is null or o.owner_username = :limit)
                         order by o.created_at desc limit 50""")
                .param("customer", customerId)
                .param("limit", SalesViewer.ownerLimit())
                .query(this::opportunity)
                .list();
    }

    private void setProducts(long id, List<Integer> products) {
        jdbc.sql("delete from opportunity_product where opportunity_id = :id")
                .param("id", id)
                .update();
        jdbc.sql("""
                        insert into opportunity_product (opportunity_id, product_id)
                        select :id, p from unnest(cast(:products as integer[])) as p on conflict do nothing""")
                .param("id", id)
                .param("products", products.toArray(Integer[]::new))
                .update();
    }

    private List<Integer> products(@Nullable List<String> skus, List<FieldProblem> problems) {
        if (skus == null || skus.isEmpty()) {
            return List.of();
        }
        List<String> given = skus.stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
        Map<String, Integer> known = new LinkedHashMap<>();
        jdbc.sql("select sku, id from product where sku = any(:skus)")
                .param("skus", given.toArray(String[]::new))
                .query(rs -> {
                    known.put(rs.getString(1), rs.getInt(2));
                });
        List<String> unknown = given.stream().filter(s -> !known.containsKey(s)).toList();
        if (!unknown.isEmpty()) {
            problems.add(FieldProblem.of("skus", "validation.unknown", String.join(", ", unknown)));
        }
        return List.copyOf(known.values());
    }

    private PipelineStages.@Nullable Stage stage(String name, List<FieldProblem> problems) {
        return stages.named(name.strip()).orElseGet(() -> {
            problems.add(FieldProblem.of("stage", "validation.oneOf", String.join(", ", stages.names())));
            return null;
        });
    }

    private static @Nullable BigDecimal amount(@Nullable String text, List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(FieldProblem.of("amount", "validation.required"));
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(text.strip());
            if (amount.signum() < 0) {
                problems.add(FieldProblem.of("amount", "validation.notNegative"));
            } else if (amount.scale() > 2 || amount.compareTo(new BigDecimal("1000000000000")) >= 0) {
                problems.add(FieldProblem.of("amount", "validation.money"));
            }
            return amount;
        } catch (NumberFormatException e) {
            problems.add(FieldProblem.of("amount", "validation.number"));
            return null;
        }
    }

    private static @Nullable LocalDate date(@Nullable String text, List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(FieldProblem.of("expectedCloseOn", "validation.date"));
            return null;
        }
    }

    private static void textProblems(String title, @Nullable String products, List<FieldProblem> problems) {
        if (title.length() > 200) {
            problems.add(FieldProblem.of("title", "validation.length", 200));
        }
        if (products != null && products.length() > 1000) {
            problems.add(FieldProblem.of("products", "validation.length", 1000));
        }
    }

    private static final String SELECT = """
            select o.*, l.contact_name, l.contact_email, st.name as stage_name, st.position as stage_position,
                   st.probability as stage_probability, st.outcome as stage_outcome,
                   nullif(btrim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')), '') as customer_name,
                   array(select p.sku from opportunity_product op join product p on p.id = op.product_id
                         where op.opportunity_id = o.id order by p.sku) as skus
            from opportunity o
            join lead l on l.id = o.lead_id
            join pipeline_stage st on st.id = o.stage_id
            left join customer c on c.id = o.customer_id
            """;

    private Opportunity opportunity(ResultSet rs, int n) throws SQLException {
        String person = rs.getString("customer_name");
        if (person == null) {
            person =
                    rs.getString("contact_name") != null ? rs.getString("contact_name") : rs.getString("contact_email");
        }
        Date close = rs.getDate("expected_close_on");
        Timestamp closed = rs.getTimestamp("closed_at");
        return new Opportunity(
                rs.getLong("id"),
                rs.getLong("lead_id"),
                rs.getObject("customer_id", Long.class),
                person == null ? "#" + rs.getLong("lead_id") : person,
                rs.getString("title"),
                rs.getString("products"),
                List.of((String[]) rs.getArray("skus").getArray()),
                rs.getBigDecimal("amount"),
                new PipelineStages.Stage(
                        rs.getInt("stage_id"),
                        rs.getString("stage_name"),
                        rs.getInt("stage_position"),
                        rs.getInt("stage_probability"),
                        rs.getString("stage_outcome")),
                close == null ? null : close.toLocalDate(),
                rs.getString("owner_username"),
                rs.getString("close_reason"),
                rs.getObject("sale_id", Long.class),
                rs.getTimestamp("created_at").toInstant(),
                closed == null ? null : closed.toInstant());
    }
}
