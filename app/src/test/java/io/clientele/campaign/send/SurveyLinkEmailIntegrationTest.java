package io.clientele.campaign.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.CampaignProperties;
import io.clientele.campaign.CampaignSteps;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.material.MaterialInput;
import io.clientele.campaign.material.Materials;
import io.clientele.campaign.response.MessageIds;
import io.clientele.platform.InvalidInputException;
import io.clientele.survey.SurveyInput;
import io.clientele.survey.SurveyResults;
import io.clientele.survey.Surveys;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A survey sent as a campaign step's email over SMTP (GreenMail): each customer's message carries their own link (in
 * both parts, through the click redirect), the link opens the public survey page, the answer is stored against the
 * campaign and step, and the survey's results count the links sent and answered.
 */
class SurveyLinkEmailIntegrationTest extends ApplicationTestSupport {
    @Autowired
    Materials materials;

    @Autowired
    Surveys surveys;

    @Autowired
    SurveyResults results;

    @Autowired
    SendStore store;

    @Autowired
    MessageRenderer renderer;

    @Autowired
    CampaignSteps steps;

    @Autowired
    CampaignProperties properties;

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private GreenMail smtp;
    private CampaignFixtures fixtures;

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        fixtures = new CampaignFixtures(jdbc, materials);
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void eachCustomerGetsTheirOwnLinkAndAnswersThroughIt() throws Exception {
        String key = "mail_" + UUID.randomUUID().toString().substring(0, 8);
        long survey = surveys.activate(
                        surveys.create(
                                        new SurveyInput(
                                                key,
                                                "Mailed " + key,
                                                "Your trial",
                                                "您的试用",
                                                null,
                                                null,
                                                null,
                                                null,
                                                List.of(new SurveyInput.QuestionInput(
                                                        "trial_rating", "RATING", true, "How was it?", "怎么样？", null))),
                                        "marketer")
                                .id(),
                        "marketer")
                .id();
        assertThatThrownBy(() -> materials.create(email("{{survey_link.no_such_survey}}"), "marketer"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems()).anySatisfy(p -> {
                            assertThat(p.field()).isEqualTo("htmlBody");
                            assertThat(p.code()).isEqualTo("material.template.survey");
                        }));
        long material = materials
                .create(email("{{survey_link." + key + "}}"), "marketer")
                .id();
        long campaign = fixtures.runningCampaign("Survey mail " + key);
        long step = fixtures.frozenStep(campaign, StepChannel.EMAIL, material, null);
        List<Long> audience = fixtures.reachableCustomers(2);
        fixtures.treated(step, audience);

        SendWorker worker = new SendWorker(
                "survey-mail",
                store,
                renderer,
                Map.of(StepChannel.EMAIL, new SmtpEmail(ReceivedMail.sender(smtp), properties.mailFrom(), 1)),
                new SendThrottle(properties),
                properties,
                new SendProperties(0, 50, 50, 5, 0, 1, 30),
                s -> s.id() == step);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!"SENT".equals(steps.get(step).status().name()) && System.nanoTime() < deadline) {
            if (worker.runOnce() == 0) {
                Thread.sleep(20);
            }
        }
        Map<Long, MimeMessage> received = new HashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            MessageIds.parse(String.valueOf(message.getHeader(MessageIds.HEADER, null)))
                    .filter(t -> t.stepId() == step)
                    .ifPresent(t -> received.put(t.customerId(), message));
        }
        assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(audience);

        // the HTML link goes through the click redirect to the customer's own survey address
        Map<Long, String> surveyLinks = new HashMap<>();
        for (long customer : audience) {
            String click = Jsoup.parse(ReceivedMail.part(received.get(customer), "text/html"))
                    .select("a:contains(Answer)")
                    .attr("href");
            HttpResponse<String> redirect =
                    http.send(HttpRequest.newBuilder(local(click)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(redirect.statusCode()).isEqualTo(302);
            String target = redirect.headers().firstValue("Location").orElseThrow();
            assertThat(target).startsWith(properties.publicUrl() + "/s/" + key + "/");
            assertThat(ReceivedMail.part(received.get(customer), "text/plain")).contains("/t/c/");
            surveyLinks.put(customer, target);
        }
        assertThat(surveyLinks.get(audience.get(0))).isNotEqualTo(surveyLinks.get(audience.get(1)));

        String path = surveyLinks
                .get(audience.get(0))
                .substring(properties.publicUrl().length());
        Session customer = session();
        assertThat(customer.get(path).body()).contains("How was it?");
        assertThat(customer.postForm(path, path, "q.trial_rating=5").statusCode())
                .isEqualTo(302);
        var stored = jdbc.sql("select customer_id, campaign_id, step_id from survey_response where survey_id = :s")
                .param("s", survey)
                .query()
                .singleRow();
        assertThat(stored)
                .containsEntry("customer_id", audience.get(0))
                .containsEntry("campaign_id", campaign)
                .containsEntry("step_id", step);

        SurveyResults.Results figures = results.of(survey, campaign);
        assertThat(figures.sent()).isEqualTo(2);
        assertThat(figures.answered()).isEqualTo(1);
        assertThat(figures.responseRate()).isEqualTo(0.5);
        assertThat(figures.campaigns()).containsExactly(campaign);
    }

    private static MaterialInput email(String link) {
        return new MaterialInput(
                "EMAIL",
                "Survey invitation " + UUID.randomUUID(),
                "How were the beans, {{first_name|friend}}?",
                "<p>Dear {{first_name|customer}}, <a href=\"" + link + "\">Answer our survey</a></p>",
                "Dear {{first_name|customer}}, answer our survey: " + link,
                null,
                null);
    }

    private URI local(String link) {
        assertThat(link).startsWith(properties.publicUrl());
        return URI.create(url(link.substring(properties.publicUrl().length())));
    }
}
