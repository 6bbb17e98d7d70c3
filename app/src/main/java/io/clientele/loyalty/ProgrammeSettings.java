package io.clientele.loyalty;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes the programme's settings. They apply to what happens after the change: receipts stored later earn by the
 * new rate and cap, points earned later expire by the new term; lots already earned keep their expiry, so no member's
 * statement changes after the fact. Setting the same values again changes nothing (a retry is harmless).
 */
@Service
public class ProgrammeSettings {
    private final JdbcClient jdbc;
    private final Clock clock;

    ProgrammeSettings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The settings as a form or an API body sends them; every field is required but the cap and the tier
     * qualification's three (left out: unchanged).
     */
    public record Input(
            @Nullable String name,
            @Nullable BigDecimal pointsPerUnit,
            @Nullable BigDecimal pointValue,
            @Nullable Integer expiryMonths,
            @Nullable Long receiptCap,
            @Nullable Boolean redeemOnEarningReceipt,
            @Nullable String rewardCodePrefix,
            @Nullable Integer holdMinutes,
            @Nullable String tierBasis,
            @Nullable Integer tierWindowMonths,
            @Nullable Integer tierReviewMonths) {}

    @Transactional
    public Programme update(Input input, String actor) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = InputFields.required("name", input.name(), 100, problems);
        decimal("pointsPerUnit", input.pointsPerUnit(), problems);
        decimal("pointValue", input.pointValue(), problems);
        whole("expiryMonths", input.expiryMonths(), 1, 120, problems);
        whole("holdMinutes", input.holdMinutes(), 1, 1440, problems);
        if (input.receiptCap() != null && (input.receiptCap() < 1 || input.receiptCap() > 100_000_000)) {
            problems.add(FieldProblem.of("receiptCap", "validation.between", 1, 100_000_000));
        }
        if (input.redeemOnEarningReceipt() == null) {
            problems.add(FieldProblem.of("redeemOnEarningReceipt", "validation.required"));
        }
        String prefix = InputFields.trimmed(input.rewardCodePrefix());
        if (prefix == null || !prefix.matches("[A-Z0-9-]{1,10}")) {
            problems.add(FieldProblem.of("rewardCodePrefix", "loyalty.programme.prefix"));
        }
        Programme current = Programme.read(jdbc);
        Programme.TierBasis basis = current.tierBasis();
        if (input.tierBasis() != null) {
            try {
                basis = Programme.TierBasis.valueOf(input.tierBasis());
            } catch (IllegalArgumentException e) {
                problems.add(FieldProblem.of("tierBasis", "validation.oneOf", "POINTS, SPEND"));
            }
        }
        int window = input.tierWindowMonths() == null ? current.tierWindowMonths() : input.tierWindowMonths();
        whole("tierWindowMonths", window, 1, 36, problems);
        int review = input.tierReviewMonths() == null ? current.tierReviewMonths() : input.tierReviewMonths();
        if (!List.of(1, 3, 6, 12).contains(review)) {
            problems.add(FieldProblem.of("tierReviewMonths", "validation.oneOf", "1, 3, 6, 12"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        jdbc.sql("""
                        update loyalty_programme set name = :name, points_per_unit = :perUnit, point_value = :value,
                            expiry_months = :months, receipt_cap = :cap, redeem_on_earning_receipt = :redeem,
                            reward_code_prefix = :prefix, hold_minutes = :hold, tier_basis = :basis,
                            tier_window_months = :window, tier_review_months = :review, updated_at = :now,
                            updated_by = :actor""")
                .param("name", name)
                .param("perUnit", input.pointsPerUnit())
                .param("value", input.pointValue())
                .param("months", input.expiryMonths())
                .param("cap", input.receiptCap())
                .param("redeem", input.redeemOnEarningReceipt())
                .param("prefix", prefix)
                .param("hold", input.holdMinutes())
                .param("basis", basis.name())
                .param("window", window)
                .param("review", review)
                .param("now", Timestamp.from(clock.instant()))
                .param("actor", actor)
                .update();
        return Programme.read(jdbc);
    }

    private static void decimal(String field, @Nullable BigDecimal value, List<FieldProblem> problems) {
        if (value == null
                || value.signum() < 0
                || value.compareTo(BigDecimal.valueOf(1000)) > 0
                || value.stripTrailingZeros().scale() > 4) {
            problems.add(FieldProblem.of(field, "loyalty.programme.decimal"));
        }
    }

    private static void whole(String field, @Nullable Integer value, int min, int max, List<FieldProblem> problems) {
        if (value == null || value < min || value > max) {
            problems.add(FieldProblem.of(field, "validation.between", min, max));
        }
    }
}
