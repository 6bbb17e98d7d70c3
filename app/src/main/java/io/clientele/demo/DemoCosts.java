package io.clientele.demo;

import io.clientele.roi.CampaignCosts;
import io.clientele.roi.PeriodCosts;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * What makes the ROI pages alive (docs/roi.md): the manager books the actual cost of each finished campaign against
 * its budget line with an invoice number, the marketing department's cost of the month is allocated by contacts to
 * the campaigns running in it, and the win-back campaign is closed with its settlement (the regulars' stays open, so
 * the cost form and the close are there to try).
 */
@Component
class DemoCosts {
    static final String DEPARTMENT = "Marketing department";

    private final CampaignCosts costs;
    private final PeriodCosts periodCosts;
    private final Clock clock;

    DemoCosts(CampaignCosts costs, PeriodCosts periodCosts, Clock clock) {
        this.costs = costs;
        this.periodCosts = periodCosts;
        this.clock = clock;
    }

    void load(DemoCampaigns.Loaded finished) {
        LocalDate today = LocalDate.now(clock);
        book(finished.winBack(), "465.00", "INV-DEMO-0412", today, "Email production and list rental");
        book(finished.regulars(), "540.00", "INV-DEMO-0413", today, "SMS gateway, bulk package");
        periodCosts.create(
                new PeriodCosts.Input(
                        today.withDayOfMonth(1).toString(),
                        today.withDayOfMonth(today.lengthOfMonth()).toString(),
                        "3000.00",
                        DEPARTMENT,
                        "BY_CONTACTS",
                        null),
                "manager");
        costs.close(finished.winBack(), "Media booked below plan; contacts at 0.05 each.", "manager");
    }

    private void book(long campaign, String amount, String document, LocalDate on, String note) {
        costs.add(campaign, new CampaignCosts.CostInput(1, amount, document, on.toString(), note), "manager");
    }
}
