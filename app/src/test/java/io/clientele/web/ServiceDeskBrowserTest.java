package io.clientele.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.clientele.service.KnowledgeBase;
import io.clientele.service.ServiceRequests;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An agent on a call records a request from the customer's page, finds knowledge articles by a Chinese phrase and by
 * English words inside the request, and links them; the service manager reads the product-quality figures.
 */
class ServiceDeskBrowserTest extends BrowserTestSupport {
    @Autowired
    KnowledgeBase knowledge;

    @Autowired
    ServiceRequests requests;

    @Test
    void anAgentOnACallFindsArticlesByAChineseAndAnEnglishPhraseAndLinksThem() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long chinese = knowledge
                .create(
                        new KnowledgeBase.ArticleInput(
                                "FAQ", "退货", "PUBLIC", "ZH", "电动牙刷退货流程 " + tag, "请在三十天内携带小票到门店办理。"),
                        "test")
                .id();
        long english = knowledge
                .create(
                        new KnowledgeBase.ArticleInput(
                                "CASE",
                                "Repairs",
                                "INTERNAL",
                                "EN",
                                "Toothbrush battery stops charging " + tag,
                                "Replace the charging base; the battery is covered by the warranty."),
                        "test")
                .id();
        long customer = jdbc.sql("insert into customer (first_name, last_name) values ('Wei', :last) returning id")
                .param("last", "Caller " + tag)
                .query(Long.class)
                .single();

        signIn("agent", "demo");
        page.navigate(url("/customers/" + customer));
        page.click("[data-testid=customer-service] a[href*='/service/new']");
        page.fill("#subject", "Toothbrush does not charge " + tag);
        page.fill("#description", "Bought three weeks ago; wants to return it.");
        page.selectOption("#category", "PRODUCT_FAILURE");
        page.click("[data-testid=create-request]");
        assertThat(page.locator("#productId-error")).hasCount(1);
        page.selectOption("#category", "QUESTION");
        page.click("[data-testid=create-request]");
        assertThat(page.locator("[data-testid=request-subject]")).hasText("Toothbrush does not charge " + tag);
        long request = Long.parseLong(page.url().replaceAll(".*/service/(\\d+).*", "$1"));

        page.fill("[data-testid=request-kb-search]", "牙刷退货");
        page.click("[data-testid=request-kb-submit]");
        assertThat(page.locator("[data-testid=found-articles] [data-article='" + chinese + "']"))
                .hasCount(1);
        assertThat(page.locator("[data-testid=found-articles] [data-article='" + english + "']"))
                .hasCount(0);
        page.click("[data-testid=found-articles] [data-article='" + chinese + "'] [data-testid=link-article]");
        assertThat(page.locator("[data-testid=linked-articles] [data-article='" + chinese + "']"))
                .hasCount(1);

        page.fill("[data-testid=request-kb-search]", "battery charging");
        page.click("[data-testid=request-kb-submit]");
        assertThat(page.locator("[data-testid=found-articles] [data-article='" + english + "']"))
                .hasCount(1);
        page.click("[data-testid=found-articles] [data-article='" + english + "'] [data-testid=link-article]");
        assertThat(page.locator("[data-testid=linked-articles] [data-article]")).hasCount(2);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Path.of("target/screenshots/service-request.png"))
                .setFullPage(true));
        assertThat(jdbc.sql("select count(*) from service_request_article where request_id = :r")
                        .param("r", request)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void theServiceManagerFindsProductQualityInTheMenuSortsItAndSeesItPerStore() {
        Map<String, Object> receipt = jdbc.sql("""
                        select s.id as sale, s.customer_id as customer, l.product_id as product
                        from sale s join sale_line l on l.sale_id = s.id
                        where s.kind = 'SALE' and s.customer_id is not null and s.store_id is not null
                        order by s.sold_at desc, s.id limit 1""").query().singleRow();
        requests.create(
                new ServiceRequests.RequestInput(
                        ((Number) receipt.get("customer")).longValue(),
                        null,
                        null,
                        "Stopped working",
                        null,
                        "PRODUCT_FAILURE",
                        null,
                        "PHONE",
                        ((Number) receipt.get("product")).intValue(),
                        ((Number) receipt.get("sale")).longValue(),
                        null,
                        null),
                "test",
                null);
        scoreNow();

        signIn("servicemanager", "demo");
        page.click("nav a[href='/service/quality']");
        assertThat(page.locator("[data-testid=quality] tbody tr").first()).isVisible();
        assertThat(page.locator("#quality-chart canvas")).hasCount(1);
        page.click("[data-testid=quality] th:nth-child(4)");
        assertThat(page.locator("[data-testid=quality] th:nth-child(4)")).hasAttribute("aria-sort", "descending");
        page.check("#quality-by-store");
        page.waitForURL("**byStore=true**");
        assertThat(page.locator("[data-testid=quality] tbody tr[data-store]").first())
                .isVisible();
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Path.of("target/screenshots/product-quality.png"))
                .setFullPage(true));
    }
}
