package io.clientele.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A marketing manager uploads a shop's export, maps its columns, watches it import and reads the rejects. */
class ImportBrowserTest extends BrowserTestSupport {
    @TempDir
    Path temp;

    @Test
    void uploadMapStartAndReadTheRejects() throws Exception {
        Path file = temp.resolve("shop-export.csv");
        Files.writeString(
                file,
                "Kundennummer;Nachname;E-Mail;Stadt\n"
                        + "WEB-1;Schmidt;schmidt@example.com;Berlin\n"
                        + "WEB-2;Weber;not-an-email;Hamburg\n"
                        + "WEB-3;=cmd|' /C calc'!A0;weber@example.com;Köln\n",
                StandardCharsets.UTF_8);
        signIn("manager", "demo");
        page.click("text=Imports");
        page.selectOption("#kind", "CUSTOMERS");
        page.setInputFiles("#file", file);
        page.click("form[enctype] button[type=submit]");

        assertThat(page.locator("[data-testid=preview] tbody tr")).hasCount(3);
        assertThat(page.locator("[data-testid=preview]")).containsText("schmidt@example.com");
        // the German headers are not known: the required key must be mapped by hand
        page.click("[data-testid=start-import]");
        assertThat(page.locator("[data-testid=mapping-error]")).containsText("external_id: required");

        page.selectOption("#field-external_id", "Kundennummer");
        page.selectOption("#field-last_name", "Nachname");
        page.selectOption("#field-email", "E-Mail");
        page.selectOption("#field-city", "Stadt");
        page.fill("#saveAs", "Shop export " + System.nanoTime());
        page.click("[data-testid=start-import]");

        assertThat(page.locator("[data-testid=import-status]")).containsText("Completed");
        assertThat(page.locator("[data-testid=import-counts]")).hasText("read 3, imported 2, unchanged 0, rejected 1");
        assertThat(page.locator("[data-testid=progress-bar]")).hasText("100%");
        assertThat(page.locator("[data-testid=rejects] tbody tr")).hasCount(1);
        assertThat(page.locator("[data-testid=rejects] tbody tr").first())
                .containsText("not an email address: 'not-an-email'");

        Download download = page.waitForDownload(() -> page.click("[data-testid=download-rejects]"));
        String report = Files.readString(download.path(), StandardCharsets.UTF_8);
        assertThat(report).startsWith("line,field,reason,row").contains("3,email,");
        assertThat(jdbc.sql("select last_name from customer where external_id = 'WEB-3'")
                        .query(String.class)
                        .single())
                .isEqualTo("=cmd|' /C calc'!A0");
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedOnUpload() throws Exception {
        Path file = temp.resolve("latin1.csv");
        Files.write(file, "external_id,pr\u00e9nom\nX1,Ren\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        signIn("manager", "demo");
        page.navigate(url("/imports"));
        page.setInputFiles("#file", file);
        page.click("form[enctype] button[type=submit]");
        assertThat(page.locator("[data-testid=import-error]")).containsText("UTF-8");
    }

    @Test
    void anAnalystCannotImport() {
        signIn("analyst", "demo");
        assertThat(page.locator("nav")).not().containsText("Imports");
        page.navigate(url("/imports"));
        assertThat(page.locator("main h1")).containsText("You may not open this page");
    }
}
