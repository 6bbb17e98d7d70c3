package io.clientele.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The 360° page and the fragments htmx loads into it: purchases (from ingest), receipt lines, timeline pages. */
class CustomerPageIntegrationTest extends ApplicationTestSupport {
    @Autowired
    CustomerEditor editor;

    @Autowired
    CustomerTags tags;

    @Test
    void thePageShowsProfileTagsAttributesConsentsAndTimelineAndLoadsPurchases() throws Exception {
        long id = editor.create(TestCustomers.someone());
        tags.add(id, "Newsletter");
        // in the salesperson's data scope as the customer's owner
        jdbc.sql("update customer set owner_username = 'sales' where id = :id")
                .param("id", id)
                .update();
        var sales = session();
        sales.signIn("sales", "demo");

        String page = sales.get("/customers/" + id).body();

        assertThat(page)
                .contains("data-testid=\"profile\"", "data-testid=\"tags\"", "newsletter")
                .contains("data-testid=\"attributes\"", "data-testid=\"consents\"", "data-testid=\"timeline\"")
                .contains("data-kind=\"CREATED\"", "data-kind=\"TAG_ADDED\"")
                .contains("hx-get=\"/customers/" + id + "/purchases\"")
                .as("a salesperson reads but does not edit")
                .doesNotContain("data-testid=\"consent-form\"", "data-testid=\"tag-input\"");
    }

    @Test
    void purchasesArePagedAndEachReceiptOpensItsLines() throws Exception {
        long id = editor.create(TestCustomers.someone());
        long other = editor.create(TestCustomers.someone());
        for (int day = 1; day <= 12; day++) {
            TestCustomers.receipt(jdbc, id, TEST_NOW.minus(Duration.ofDays(100 + day)));
        }
        long othersReceipt = TestCustomers.receipt(jdbc, other, TEST_NOW.minus(Duration.ofDays(100)));
        var analyst = session();
        analyst.signIn("analyst", "demo");

        String first = analyst.get("/customers/" + id + "/purchases", "HX-Request", "true")
                .body();
        assertThat(first).contains("data-testid=\"customer-receipts\">12<", "Page 1 of 2");
        assertThat(first.split("data-testid=\"toggle-lines\"", -1)).hasSize(11);
        String second = analyst.get("/customers/" + id + "/purchases?page=1").body();
        assertThat(second.split("data-testid=\"toggle-lines\"", -1)).hasSize(3);

        long saleId = jdbc.sql("select min(id) from sale where customer_id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
        String lines = analyst.get("/customers/" + id + "/receipts/" + saleId + "/lines")
                .body();
        assertThat(lines).contains("data-testid=\"receipt-lines\"").doesNotContain("No lines.");
        assertThat(analyst.get("/customers/" + id + "/receipts/" + othersReceipt + "/lines")
                        .body())
                .as("another customer's receipt")
                .contains("No lines.");
    }

    @Test
    void theTimelineIsPagedNewestFirst() throws Exception {
        long id = editor.create(TestCustomers.someone());
        for (int i = 0; i < CustomerController.TIMELINE_PAGE + 2; i++) {
            tags.add(id, "tag " + i);
        }
        var analyst = session();
        analyst.signIn("analyst", "demo");
        HttpResponse<String> first = analyst.get("/customers/" + id + "/timeline", "HX-Request", "true");
        assertThat(first.body())
                .startsWith("<div class=\"card mb-3\" id=\"timeline\"")
                .contains("tag 16");
        String last = analyst.get("/customers/" + id + "/timeline?page=1").body();
        assertThat(last).contains("data-kind=\"CREATED\"").doesNotContain("tag 16");
    }
}
