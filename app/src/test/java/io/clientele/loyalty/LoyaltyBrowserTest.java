package io.clientele.loyalty;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.web.BrowserTestSupport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A store manager at the service desk in Chromium: looks a demo member up by card, sees the balance, the member's
 * tier with its history, the lots' expiry and the statement of the demo's receipts, is refused an adjustment nobody
 * approved (nothing stored), then posts one approved by the marketing manager and sees it on the statement and in
 * the balance. The marketing manager sees the tiers and their chart on the programme page, and an overlapping tier
 * is refused there naming its threshold.
 */
class LoyaltyBrowserTest extends BrowserTestSupport {
    @Autowired
    LoyaltyCards cards;

    @Autowired
    PointsLedger ledger;

    @Autowired
    LoyaltyTiers tiers;

    @Test
    void aStoreManagerLooksAMemberUpByCardAndPostsAnApprovedAdjustment() {
        List<String> console = new ArrayList<>();
        page.onConsoleMessage(m -> console.add(m.text()));
        // a demo member with points from the demo's receipts, whom no other test touches
        String card = jdbc.sql("""
                        select k.card_number from loyalty_card k join loyalty_account a on a.id = k.account_id
                        where k.status = 'ACTIVE' and a.balance > 100 and k.card_number ~ '^88[0-9]+$'
                          and a.tier_id is not null
                        order by a.balance desc, k.card_number limit 1""").query(String.class).single();
        long account = cards.get(card).accountId();
        long before = ledger.account(account).balance();

        signIn("store", "demo");
        page.navigate(url("/loyalty/members"));
        page.fill("#card", card);
        page.click("[data-testid=card-lookup] button");
        assertThat(page.locator("[data-testid=balance]")).hasText(String.format("%,d", before));
        LoyaltyTiers.Standing standing = tiers.standing(account);
        assertThat(page.locator("[data-testid=tier-name]"))
                .hasText(standing.tier().name());
        assertThat(page.locator("[data-testid=tier-history] tr").first())
                .containsText(standing.history().getFirst().to());
        assertThat(page.locator("[data-testid=statement] tr[data-cause=EARN]").first())
                .isVisible();
        assertThat(page.locator("[data-testid=lots] tbody tr, [data-testid=lots] tr")
                        .first())
                .isVisible();

        page.fill("#points", "-40");
        page.fill("#reason", "Damaged voucher refunded in points");
        page.fill("#approvedBy", "store");
        page.click("[data-testid=adjustment-form] button");
        assertThat(page.locator("#approvedBy.is-invalid")).hasCount(1);
        assertThat(ledger.account(account).balance()).isEqualTo(before);

        page.fill("#points", "-40");
        page.fill("#reason", "Damaged voucher refunded in points");
        page.fill("#approvedBy", "manager");
        page.click("[data-testid=adjustment-form] button");
        assertThat(page.locator("[data-testid=flash]")).isVisible();
        assertThat(page.locator("[data-testid=balance]")).hasText(String.format("%,d", before - 40));
        assertThat(page.locator("[data-testid=statement] tr[data-cause=ADJUSTMENT]")
                        .first())
                .containsText("manager");
        assertThat(ledger.account(account).balance()).isEqualTo(before - 40);
        assertThat(console).noneMatch(m -> m.contains("Content Security Policy"));
    }

    @Test
    void aManagerSeesTheProgrammeAndAWrongSettingChangesNothing() {
        signIn("manager", "demo");
        page.navigate(url("/loyalty"));
        assertThat(page.locator("[data-testid=rules]")).containsText("Headphones double");
        assertThat(page.locator("[data-testid=outstanding]")).isVisible();
        page.fill("#expiryMonths", "0");
        page.click("[data-testid=settings-form] button");
        assertThat(page.locator("#expiryMonths.is-invalid")).hasCount(1);
        assertThat(ledger.programme().expiryMonths()).isEqualTo(24);

        assertThat(page.locator("[data-testid=tiers] tr[data-tier=Platinum]")).isVisible();
        assertThat(page.locator("[data-testid=tier-chart][data-ready=true]")).hasCount(1);
        long before = tiers.all().size();
        page.fill("#tierName", "Diamond <b>");
        page.fill("#tierRank", "4");
        page.fill("#tierThreshold", "3000");
        page.fill("#tierMultiplier", "2");
        page.click("[data-testid=tier-form] button");
        assertThat(page.locator("#tierThreshold.is-invalid")).hasCount(1);
        assertThat(page.locator("#tierName")).hasValue("Diamond <b>");
        assertThat(tiers.all()).hasSize((int) before);
    }
}
