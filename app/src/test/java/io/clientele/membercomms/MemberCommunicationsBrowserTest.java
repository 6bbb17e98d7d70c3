package io.clientele.membercomms;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.campaign.CampaignInput;
import io.clientele.campaign.CampaignKind;
import io.clientele.campaign.CampaignStatus;
import io.clientele.campaign.CampaignSteps;
import io.clientele.campaign.Campaigns;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.StepInput;
import io.clientele.loyalty.LoyaltyCards;
import io.clientele.web.BrowserTestSupport;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A marketing manager in Chromium: on the member communications page sees the demo's six programmes active with
 * their results, approves a welcome programme the marketer submitted (it then runs by itself: a new member is
 * welcomed and counted on its card), and pauses and resumes it.
 */
class MemberCommunicationsBrowserTest extends BrowserTestSupport {
    @Autowired
    MemberProgrammes programmes;

    @Autowired
    Campaigns campaigns;

    @Autowired
    CampaignSteps steps;

    @Autowired
    LoyaltyCards cards;

    @Test
    void aManagerApprovesAProgrammeAndSeesItsResults() {
        MemberProgrammes.Programme demo = programmes.get(ProgrammeKind.WELCOME);
        // the demo's welcome set aside for a new one the marketer submits (restored at the end)
        long submitted = campaigns
                .create(
                        new CampaignInput(
                                "Welcome for approval " + UUID.randomUUID(),
                                "RETENTION",
                                null,
                                null,
                                "marketer",
                                null,
                                null,
                                null,
                                null,
                                List.of()),
                        CampaignKind.PROGRAMME,
                        "marketer")
                .id();
        steps.create(submitted, StepInput.sending("Welcome", StepChannel.EMAIL, demo.materialId(), "0"), "marketer");
        campaigns.submit(submitted, "marketer");
        jdbc.sql("update member_programme set campaign_id = :c where kind = 'WELCOME'")
                .param("c", submitted)
                .update();
        try {
            signIn("manager", "demo");
            page.navigate(url("/loyalty"));
            page.click("[data-testid=communications-link]");
            for (ProgrammeKind kind : ProgrammeKind.values()) {
                assertThat(page.locator("[data-testid=programme-" + kind + "]")).isVisible();
            }
            assertThat(page.locator("[data-testid=programme-STATEMENT] [data-testid=state]"))
                    .hasText("active");
            // the demo's statements wait for the send workers (none run in tests); its welcomes were sent
            long statements = programmes.get(ProgrammeKind.STATEMENT).results().triggered();
            assertThat(statements).isPositive();
            assertThat(page.locator("[data-testid=programme-STATEMENT] [data-testid=triggered]"))
                    .hasText(String.format("%,d", statements));
            var welcome = page.locator("[data-testid=programme-WELCOME]");
            assertThat(welcome.locator("[data-testid=state]")).hasText("awaiting approval");
            welcome.locator("[data-testid=approve]").click();
            assertThat(page.locator("[data-testid=flash]")).isVisible();
            assertThat(page.locator("[data-testid=programme-WELCOME] [data-testid=state]"))
                    .hasText("active");
            assertThat(campaigns.find(submitted).status()).isEqualTo(CampaignStatus.RUNNING);

            long customer = jdbc.sql("""
                            insert into customer (first_name, last_name, email, birth_date, source)
                            values ('Newly', 'Joined', :email, :birth, 'test') returning id""")
                    .param("email", UUID.randomUUID() + "@members.example")
                    .param("birth", LocalDate.of(1990, 1, 1))
                    .query(Long.class)
                    .single();
            cards.issue("B-" + customer, customer);
            page.reload();
            assertThat(page.locator("[data-testid=programme-WELCOME] [data-testid=triggered]"))
                    .hasText("1");

            page.locator("[data-testid=programme-WELCOME] [data-testid=pause]").click();
            assertThat(page.locator("[data-testid=programme-WELCOME] [data-testid=state]"))
                    .hasText("paused");
            page.locator("[data-testid=programme-WELCOME] [data-testid=resume]").click();
            assertThat(page.locator("[data-testid=programme-WELCOME] [data-testid=state]"))
                    .hasText("active");
        } finally {
            jdbc.sql("update member_programme set campaign_id = :c where kind = 'WELCOME'")
                    .param("c", demo.campaignId())
                    .update();
            campaigns.cancel(submitted, "manager", "test over");
        }
    }
}
