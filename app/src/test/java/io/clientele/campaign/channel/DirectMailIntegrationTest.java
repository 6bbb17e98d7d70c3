package io.clientele.campaign.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.material.Materials;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** Letters exported as CSV and PDF: the hand-over happens once, formulas are neutralised, every member has a page. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectMailIntegrationTest extends ApplicationTestSupport {
    @Autowired
    Materials materials;

    @Autowired
    ApiTokens tokens;

    private CampaignFixtures fixtures;
    private String marketer;
    private String analyst;
    private long letter;

    @BeforeAll
    void setUp() {
        fixtures = new CampaignFixtures(jdbc, materials);
        marketer = tokens.issue("mail-marketer", Role.MARKETER.scopes(), "test").secret();
        analyst = tokens.issue("mail-analyst", Role.ANALYST.scopes(), "test").secret();
        letter = fixtures.textMaterial(
                "LETTER",
                "Dear {{first_name|customer}} {{last_name}},\n\nWe have {{offer.description|an offer}} for you in "
                        + "{{city|your town}}. Bring this letter to any of our stores and show the code "
                        + "{{offer.code|at the till}}; it is valid until {{offer.valid_until|the end of the month}}.");
    }

    private long customer(String first, String last, String postal) {
        return jdbc.sql("""
                        insert into customer (first_name, last_name, address_line, postal_code, city, region_id)
                        values (:first, :last, '12 Harbour Road', :postal, 'Portsmouth',
                                (select id from region order by id limit 1))
                        returning id""")
                .param("first", first)
                .param("last", last)
                .param("postal", postal)
                .query(Long.class)
                .single();
    }

    private HttpResponse<byte[]> export(String token, long campaign, long step, String format) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        url("/api/v1/campaigns/" + campaign + "/steps/" + step + "/letters." + format)))
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }

    private long count(String sql, long step) {
        return jdbc.sql(sql).param("step", step).query(Long.class).single();
    }

    @Test
    void csvHandsOverOnceWithFormulasNeutralisedAndTheLetterPersonalised() throws Exception {
        long campaign = fixtures.runningCampaign("Mail " + UUID.randomUUID());
        long step = fixtures.frozenStep(campaign, StepChannel.MAIL, letter, "20% off coats");
        long formula = customer("=HYPERLINK(\"http://evil\")", "Smith", "PO1 1AA");
        long anna = customer("Anna", "Müller, Jr.", "PO1 2BB");
        fixtures.treated(step, List.of(formula, anna));

        assertThat(export(analyst, campaign, step, "csv").statusCode()).isEqualTo(403);
        HttpResponse<byte[]> first = export(marketer, campaign, step, "csv");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("letters-step-" + step);
        String csv = new String(first.body(), StandardCharsets.UTF_8);
        String[] rows = csv.split("\r\n");
        assertThat(rows[0]).isEqualTo("customer_id,name,address_line,postal_code,city,region,letter");
        assertThat(rows[1])
                .startsWith(formula + ",\"'=HYPERLINK(\"\"http://evil\"\") Smith\",12 Harbour Road,PO1 1AA,");
        assertThat(rows[2])
                .startsWith(anna + ",\"Anna Müller, Jr.\"")
                .contains("Dear Anna Müller, Jr.,")
                .contains("We have 20% off coats for you in Portsmouth")
                .contains("show the code at the till");
        assertThat(count(
                        "select count(*) from campaign_member where step_id = :step and send_status = 'SENT'"
                                + " and sent_at is not null",
                        step))
                .isEqualTo(2);
        assertThat(count(
                        "select count(*) from interaction where kind = 'CAMPAIGN_CONTACTED' and channel = 'MAIL'"
                                + " and (details ->> 'stepId')::bigint = :step",
                        step))
                .isEqualTo(2);
        assertThat(jdbc.sql("select status from campaign_step where id = :id")
                        .param("id", step)
                        .query(String.class)
                        .single())
                .isEqualTo("SENT");

        HttpResponse<byte[]> again = export(marketer, campaign, step, "csv");
        assertThat(new String(again.body(), StandardCharsets.UTF_8)).isEqualTo(csv);
        assertThat(count(
                        "select count(*) from interaction where kind = 'CAMPAIGN_CONTACTED'"
                                + " and (details ->> 'stepId')::bigint = :step",
                        step))
                .as("a second export hands nothing over again")
                .isEqualTo(2);
    }

    @Test
    void pdfHasOnePagePerMemberWithTheirNameInLatinOrChinese() throws Exception {
        long campaign = fixtures.runningCampaign("Mail " + UUID.randomUUID());
        long step = fixtures.frozenStep(campaign, StepChannel.MAIL, letter, "a free gift");
        long coupon = fixtures.frozenStep(campaign, StepChannel.COUPON, null, null);
        long anna = customer("Anna", "Müller", "A1");
        long wang = customer("王", "小明", "B2");
        long lukasz = customer("Łukasz", "Nowak", "C3");
        fixtures.treated(step, List.of(anna, wang, lukasz));
        fixtures.treated(coupon, List.of(anna));
        jdbc.sql("update campaign_member set coupon_code = :code where step_id = :step and customer_id = :c")
                .param(
                        "code",
                        "FX" + UUID.randomUUID().toString().substring(0, 8).toUpperCase())
                .param("step", coupon)
                .param("c", anna)
                .update();

        HttpResponse<byte[]> response = export(marketer, campaign, step, "pdf");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/pdf");
        try (PDDocument pdf = Loader.loadPDF(response.body())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(3);
            PDFTextStripper stripper = new PDFTextStripper();
            List<String> pages = new java.util.ArrayList<>();
            for (int page = 1; page <= 3; page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                pages.add(stripper.getText(pdf).replaceAll("\\s+", " "));
            }
            // by postal code: A1, B2, C3
            assertThat(pages.get(0))
                    .contains("Anna Müller")
                    .contains("12 Harbour Road")
                    .contains("A1 Portsmouth")
                    .contains("We have a free gift for you in Portsmouth")
                    .containsPattern("show the code FX[0-9A-F]{8};")
                    .contains("Clientele Marketing");
            // Chinese is set in the packaged CJK font (.ci/run installs fonts-wqy-microhei), not replaced by "?"
            assertThat(pages.get(1)).contains("Dear 王 小明,").doesNotContain("?").doesNotContain("Anna");
            assertThat(pages.get(2)).contains("Łukasz Nowak");
        }
        assertThat(count("select count(*) from campaign_member where step_id = :step and send_status = 'SENT'", step))
                .isEqualTo(3);
    }
}
