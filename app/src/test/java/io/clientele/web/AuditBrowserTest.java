package io.clientele.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import io.clientele.TestClock;
import io.clientele.identity.Role;
import io.clientele.identity.UserAccounts;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AuditBrowserTest extends BrowserTestSupport {
    @Autowired
    TestClock clock;

    @Autowired
    UserAccounts accounts;

    @AfterEach
    void resetClockAndFailures() {
        clock.reset();
        jdbc.sql("delete from login_throttle").update();
    }

    @Test
    void anAdministratorFiltersTheAuditTrailAndSeesALockoutThenUnlocksTheAccount() throws Exception {
        String user = "browsed-" + ProcessHandle.current().pid();
        accounts.create(user, "Browsed", Role.MARKETER, "right-password");
        var guesser = session().from("198.51.100.50");
        for (int i = 0; i < 10; i++) {
            guesser.signIn(user, "wrong-" + i);
            clock.advance(Duration.ofSeconds(20));
        }

        signIn("admin", "demo");
        page.click("a.nav-link[href='/admin/audit']");
        page.fill("#user", user);
        page.fill("#action", "login");
        page.click("[data-testid=audit-apply]");
        Locator rows = page.locator("[data-testid=audit-events] tbody tr");
        assertThat(rows).hasCount(11);
        Locator lock = page.locator("[data-testid=audit-events] tr[data-action='login.locked']");
        assertThat(lock).hasCount(1);
        assertThat(lock).containsText("198.51.100.50");
        assertThat(lock).containsText(user);

        page.fill("#action", "login.failed");
        page.click("[data-testid=audit-apply]");
        assertThat(rows).hasCount(10);

        page.click("a.nav-link[href='/admin/users']");
        Locator locks = page.locator("[data-testid=locks]");
        assertThat(locks).containsText(user);
        locks.locator("tr", new Locator.LocatorOptions().setHasText(user))
                .locator("button")
                .click();
        assertThat(page.locator("[data-testid=unlocked]")).containsText(user);

        page.navigate(url("/admin/audit?action=login.unlocked&entityId=" + user));
        assertThat(page.locator("[data-testid=audit-events] tbody tr")).hasCount(1);
        assertThat(page.locator("[data-testid=audit-events] tbody tr")).containsText("administrator");
    }
}
