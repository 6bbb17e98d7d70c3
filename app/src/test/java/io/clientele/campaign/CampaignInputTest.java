package io.clientele.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CampaignInputTest {
    private static CampaignInput.BudgetLineInput line(String type, String description, String amount) {
        return new CampaignInput.BudgetLineInput(type, description, amount);
    }

    @Test
    void aValidPlanWithBudgetLines() {
        CampaignInput input = new CampaignInput(
                " Winter win-back ",
                "win_back",
                "Lapsed big spenders",
                "RFM segment",
                null,
                "2026-12-01",
                "2026-12-31",
                "4.5",
                "120000",
                List.of(
                        line("MESSAGING", "emails", "1200.50"),
                        line(null, null, null),
                        line("incentives", "", "8000")));

        CampaignInput.Plan plan = input.validate("manager");

        assertThat(plan.name()).isEqualTo("Winter win-back");
        assertThat(plan.purpose()).isEqualTo(CampaignPurpose.WIN_BACK);
        assertThat(plan.owner()).isEqualTo("manager");
        assertThat(plan.startsOn()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(plan.targetResponseRate()).isEqualByComparingTo("0.045");
        assertThat(plan.budget()).hasSize(2);
        assertThat(plan.totalBudget()).isEqualByComparingTo(new BigDecimal("9200.50"));
    }

    @Test
    void everyWrongFieldIsReportedAtOnce() {
        CampaignInput input = new CampaignInput(
                "",
                "spam",
                null,
                null,
                null,
                "2026-12-31",
                "2026-12-01",
                "140",
                "-5",
                List.of(line("BRIBES", null, "abc"), line("MEDIA", null, null)));

        assertThatThrownBy(() -> input.validate("manager"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(FieldProblem::field)
                                .containsExactlyInAnyOrder(
                                        "name",
                                        "purpose",
                                        "endsOn",
                                        "targetResponseRate",
                                        "targetRevenue",
                                        "budget[0].costType",
                                        "budget[0].amount",
                                        "budget[1].amount"));
    }
}
