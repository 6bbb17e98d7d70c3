package io.clientele.campaign;

import static io.clientele.platform.InputFields.trimmed;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A campaign plan as the form and the API send it: all text, so that a wrong value is a field error, not a parse
 * failure. {@link #validate} turns it into a {@link Plan} or reports every problem at once.
 */
public record CampaignInput(
        @Nullable String name,
        @Nullable String purpose,
        @Nullable String description,
        @Nullable String source,
        @Nullable String owner,
        @Nullable String startsOn,
        @Nullable String endsOn,
        @Nullable String targetResponseRate,
        @Nullable String targetRevenue,
        @Nullable List<BudgetLineInput> budget) {

    /** A budget line as sent; blank lines are left out. */
    public record BudgetLineInput(
            @Nullable String costType,
            @Nullable String description,
            @Nullable String amount) {
        boolean blank() {
            return isBlank(costType) && isBlank(description) && isBlank(amount);
        }
    }

    /** A valid plan. {@code targetResponseRate} is a share 0–1 (the input is in percent). */
    public record Plan(
            String name,
            CampaignPurpose purpose,
            @Nullable String description,
            @Nullable String source,
            String owner,
            @Nullable LocalDate startsOn,
            @Nullable LocalDate endsOn,
            @Nullable BigDecimal targetResponseRate,
            @Nullable BigDecimal targetRevenue,
            List<BudgetLine> budget) {
        public Plan withBudget(List<BudgetLine> lines) {
            return new Plan(
                    name,
                    purpose,
                    description,
                    source,
                    owner,
                    startsOn,
                    endsOn,
                    targetResponseRate,
                    targetRevenue,
                    lines);
        }

        public BigDecimal totalBudget() {
            return budget.stream().map(BudgetLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    public record BudgetLine(CostType costType, @Nullable String description, BigDecimal amount) {}

    static final int MAX_BUDGET_LINES = 50;

    /**
     * @param defaultOwner who owns the campaign when no owner is given: the person creating it
     * @throws InvalidInputException listing every field that is wrong
     */
    public Plan validate(String defaultOwner) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = InputFields.required("name", this.name, 200, problems);
        CampaignPurpose purpose = InputFields.oneOf("purpose", this.purpose, CampaignPurpose.class, problems);
        LocalDate starts = InputFields.date("startsOn", startsOn, problems);
        LocalDate ends = InputFields.date("endsOn", endsOn, problems);
        if (starts != null && ends != null && ends.isBefore(starts)) {
            problems.add(FieldProblem.of("endsOn", "validation.endsBeforeStart"));
        }
        BigDecimal rate = InputFields.money("targetResponseRate", targetResponseRate, problems);
        if (rate != null && (rate.signum() < 0 || rate.compareTo(BigDecimal.valueOf(100)) > 0)) {
            problems.add(FieldProblem.of("targetResponseRate", "validation.percent"));
        }
        BigDecimal revenue = InputFields.money("targetRevenue", targetRevenue, problems);
        if (revenue != null && revenue.signum() < 0) {
            problems.add(FieldProblem.of("targetRevenue", "validation.notNegative"));
        }
        List<BudgetLine> lines = budget(problems);
        String description = trimmed(this.description);
        if (description != null && description.length() > 4000) {
            problems.add(FieldProblem.of("description", "validation.length", 4000));
        }
        String source = trimmed(this.source);
        if (source != null && source.length() > 200) {
            problems.add(FieldProblem.of("source", "validation.length", 200));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String owner = trimmed(this.owner);
        return new Plan(
                name,
                purpose,
                description,
                source,
                owner == null ? defaultOwner : owner,
                starts,
                ends,
                rate == null ? null : rate.movePointLeft(2),
                revenue,
                lines);
    }

    private List<BudgetLine> budget(List<FieldProblem> problems) {
        List<BudgetLine> lines = new ArrayList<>();
        if (budget == null) {
            return lines;
        }
        if (budget.size() > MAX_BUDGET_LINES) {
            problems.add(FieldProblem.of("budget", "validation.budgetLines", MAX_BUDGET_LINES));
            return lines;
        }
        for (int i = 0; i < budget.size(); i++) {
            BudgetLineInput line = budget.get(i);
            if (line == null || line.blank()) {
                continue;
            }
            String field = "budget[" + i + "]";
            CostType type = null;
            try {
                type = CostType.valueOf(String.valueOf(line.costType()).strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(FieldProblem.of(field + ".costType", "validation.oneOf", List.of(CostType.values())));
            }
            BigDecimal amount = InputFields.money(field + ".amount", line.amount(), problems);
            if (amount == null && trimmed(line.amount()) == null) {
                problems.add(FieldProblem.of(field + ".amount", "validation.required"));
            } else if (amount != null && amount.signum() < 0) {
                problems.add(FieldProblem.of(field + ".amount", "validation.notNegative"));
            }
            if (type != null && amount != null && amount.signum() >= 0) {
                lines.add(new BudgetLine(type, trimmed(line.description()), amount));
            }
        }
        return lines;
    }

    private static boolean isBlank(@Nullable String text) {
        return text == null || text.isBlank();
    }
}
