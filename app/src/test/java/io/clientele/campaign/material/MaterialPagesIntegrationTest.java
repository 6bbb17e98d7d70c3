package io.clientele.campaign.material;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The materials pages through a signed-in session: the form's errors, versions and the preview's customer picker. */
class MaterialPagesIntegrationTest extends ApplicationTestSupport {
    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private Session marketer() throws Exception {
        Session session = session();
        session.signIn("marketer", "demo");
        return session;
    }

    @Test
    void aBadPlaceholderIsMarkedOnTheFormWithItsPositionAndNothingIsSaved() throws Exception {
        Session marketer = marketer();
        long before =
                jdbc.sql("select count(*) from material").query(Long.class).single();

        HttpResponse<String> response = marketer.postForm(
                "/campaigns/materials/new?kind=EMAIL",
                "/campaigns/materials",
                "kind=EMAIL&name=" + enc("Form mail") + "&subject=" + enc("Hi {{email}}") + "&htmlBody="
                        + enc("<p>ok</p>"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains(
                        "data-testid=\"form-errors\"",
                        "is-invalid",
                        "Unknown placeholder &quot;email&quot; at line 1, column 4");
        assertThat(jdbc.sql("select count(*) from material").query(Long.class).single())
                .isEqualTo(before);
    }

    @Test
    void aCallScriptIsSavedTwiceAndBothVersionsAreShown() throws Exception {
        Session marketer = marketer();
        String form = "kind=CALL_SCRIPT&name=" + enc("Renewal call (pages)") + "&text="
                + enc("Good morning {{first_name|there}}") + "&answers[0].question=" + enc("Too expensive")
                + "&answers[0].answer=" + enc("Your card {{card_number}} saves 10%.") + "&answers[1].question="
                + "&answers[1].answer=";
        HttpResponse<String> created =
                marketer.postForm("/campaigns/materials/new?kind=CALL_SCRIPT", "/campaigns/materials", form);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        String location = created.headers().firstValue("Location").orElseThrow();
        String path = location.substring(location.indexOf("/campaigns/materials/"));

        HttpResponse<String> saved = marketer.postForm(path + "/edit", path, form.replace("10%", "15%"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);

        String page = marketer.get(path).body();
        assertThat(page)
                .contains("data-version=\"2\"", "Version 1", "Version 2", "Your card {{card_number}} saves 15%.");
        assertThat(marketer.get(path + "?version=1").body()).contains("saves 10%.");
    }

    @Test
    void thePreviewFindsACustomerByNumberOrCardAndListsNameMatches() throws Exception {
        Session marketer = marketer();
        HttpResponse<String> created = marketer.postForm(
                "/campaigns/materials/new?kind=EMAIL",
                "/campaigns/materials",
                "kind=EMAIL&name=" + enc("Preview page mail") + "&subject=" + enc("For {{first_name}}") + "&htmlBody="
                        + enc("<p>Hi {{first_name}} ({{card_number|no card}})</p>"));
        String location = created.headers().firstValue("Location").orElseThrow();
        String path = location.substring(location.indexOf("/campaigns/materials/"));
        var customer = jdbc.sql("select id, first_name, last_name, card_number from customer"
                        + " where first_name is not null and card_number is not null order by id limit 1")
                .query((rs, n) -> new String[] {
                    rs.getString("id"),
                    rs.getString("first_name"),
                    rs.getString("last_name"),
                    rs.getString("card_number")
                })
                .single();

        String byId = marketer.get(path + "?customer=" + customer[0]).body();
        String byCard = marketer.get(path + "?customer=" + enc(customer[3])).body();
        String byName = marketer.get(path + "?customer=" + enc(customer[1].substring(0, 2)))
                .body();

        assertThat(byId).contains("data-testid=\"preview-html\"", "srcdoc=\"&lt;p&gt;Hi " + customer[1]);
        assertThat(byId).contains("For " + customer[1]);
        assertThat(byCard).contains("(" + customer[3] + ")");
        assertThat(byName).contains("data-testid=\"matches\"");
    }
}
