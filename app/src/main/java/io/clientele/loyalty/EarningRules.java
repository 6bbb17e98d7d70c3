package io.clientele.loyalty;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The multipliers on the programme's points per unit ({@link ReceiptEarning#POINTS} applies them). Two rules of one
 * kind for the same category, brand or product (or two campaign rules) may not be in force on the same day: a line
 * would have two rates, so such a rule is refused. Rules are added, never changed, so that the points a receipt
 * earned can always be recomputed from the rules of its day.
 */
@Service
public class EarningRules {
    private final JdbcClient jdbc;

    EarningRules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public enum Kind {
        CATEGORY,
        BRAND,
        PRODUCT,
        CAMPAIGN
    }

    public record Rule(
            long id,
            String name,
            Kind kind,
            @Nullable String match,
            BigDecimal multiplier,
            @Nullable LocalDate validFrom,
            @Nullable LocalDate validTo) {}

    public record RuleInput(
            @Nullable String name,
            @Nullable String kind,
            @Nullable String match,
            @Nullable BigDecimal multiplier,
            @Nullable LocalDate validFrom,
            @Nullable LocalDate validTo) {}

    private static final String SELECT =
            "select id, name, kind, match, multiplier, valid_from, valid_to from loyalty_rule";

    private static Rule rule(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Rule(
                rs.getLong("id"),
                rs.getString("name"),
                Kind.valueOf(rs.getString("kind")),
                rs.getString("match"),
                rs.getBigDecimal("multiplier"),
                rs.getObject("valid_from", LocalDate.class),
                rs.getObject("valid_to", LocalDate.class));
    }

    public List<Rule> all() {
        return jdbc.sql(SELECT + """

                        order by kind, match nulls first, valid_from nulls first, id""").query(EarningRules::rule).list();
    }

    /** Adds a rule; the same rule again (a retried request) answers the one stored. */
    @Transactional
    public Rule add(RuleInput input, String actor) {
        List<FieldProblem> problems = new ArrayList<>();
        // (text PostgreSQL cannot store is refused at the web boundary, StorableTextBoundary)
        String name = InputFields.required("name", input.name(), 200, problems);
        String match = InputFields.trimmed(input.match());
        if (match != null && match.length() > 200) {
            problems.add(FieldProblem.of("match", "validation.length", 200));
        }
        Kind kind = null;
        try {
            kind = input.kind() == null ? null : Kind.valueOf(input.kind());
        } catch (IllegalArgumentException e) {
            // named below
        }
        if (kind == null) {
            problems.add(FieldProblem.of("kind", "validation.oneOf", "CATEGORY, BRAND, PRODUCT, CAMPAIGN"));
        }
        if (kind != null && (kind == Kind.CAMPAIGN) != (match == null)) {
            problems.add(FieldProblem.of("match", "loyalty.rule.match"));
        }
        if (input.multiplier() == null
                || input.multiplier().signum() < 0
                || input.multiplier().compareTo(BigDecimal.valueOf(100)) > 0
                || input.multiplier().scale() > 2) {
            problems.add(FieldProblem.of("multiplier", "loyalty.rule.multiplier"));
        }
        if (input.validFrom() != null
                && input.validTo() != null
                && input.validTo().isBefore(input.validFrom())) {
            problems.add(FieldProblem.of("validTo", "loyalty.rule.period"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        // rules are added one at a time, so that two overlapping ones cannot both pass the check
        jdbc.sql("lock table loyalty_rule in share row exclusive mode").update();
        List<Rule> overlapping = jdbc.sql(SELECT + """

                        where kind = :kind and match is not distinct from :match
                          and coalesce(valid_from, '-infinity'::date) <= coalesce(cast(:to as date), 'infinity'::date)
                          and coalesce(cast(:from as date), '-infinity'::date) <= coalesce(valid_to, 'infinity'::date)""")
                .param("kind", kind.name())
                .param("match", match)
                .param("from", input.validFrom())
                .param("to", input.validTo())
                .query(EarningRules::rule)
                .list();
        Rule wanted = new Rule(0, name, kind, match, input.multiplier(), input.validFrom(), input.validTo());
        for (Rule rule : overlapping) {
            if (rule.name().equals(wanted.name())
                    && rule.multiplier().compareTo(wanted.multiplier()) == 0
                    && java.util.Objects.equals(rule.validFrom(), wanted.validFrom())
                    && java.util.Objects.equals(rule.validTo(), wanted.validTo())) {
                return rule;
            }
        }
        if (!overlapping.isEmpty()) {
            throw new InvalidInputException(FieldProblem.of(
                    "validFrom", "loyalty.rule.overlap", overlapping.get(0).name()));
        }
        long id = jdbc.sql("""
                        insert into loyalty_rule (name, kind, match, multiplier, valid_from, valid_to, created_by)
                        values (:name, :kind, :match, :multiplier, :from, :to, :actor) returning id""")
                .param("name", wanted.name())
                .param("kind", kind.name())
                .param("match", match)
                .param("multiplier", input.multiplier())
                .param("from", input.validFrom())
                .param("to", input.validTo())
                .param("actor", actor)
                .query(Long.class)
                .single();
        return all().stream().filter(r -> r.id() == id).findFirst().orElseThrow();
    }
}
