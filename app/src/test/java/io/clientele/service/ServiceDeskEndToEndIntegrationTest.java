package io.clientele.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.clientele.ApplicationTestSupport;
import io.clientele.TestClock;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import io.clientele.insight.ProductQuality;
import io.clientele.insight.ScoreRun;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service desk end to end over real mail (GreenMail's SMTP and IMAP): a complaint emailed to the support
 * mailbox becomes a request, is routed and assigned, breaches its SLA and escalates (reassigned, notice mailed),
 * is answered (the reply arrives in the customer's mailbox in their thread), hears back, is resolved and rated; the
 * next scoring run counts the complaint against the customer's satisfaction.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceDeskEndToEndIntegrationTest extends ApplicationTestSupport {
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    ServiceRequests requests;

    @Autowired
    ServiceSettings settings;

    @Autowired
    Escalations escalations;

    @Autowired
    ServiceMail mail;

    @Autowired
    ServiceProperties properties;

    @Autowired
    ApiTokens tokens;

    @Autowired
    TestClock clock;

    @Autowired
    ProductQuality quality;

    private GreenMail greenMail;
    private JavaMailSenderImpl smtp;
    private ServiceMailbox mailbox;
    private GreenMailUser support;

    @BeforeAll
    void setUp() {
        greenMail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        greenMail.start();
        support = greenMail.setUser("support@clientele.local", "support", "secret");
        smtp = new JavaMailSenderImpl();
        smtp.setHost("127.0.0.1");
        smtp.setPort(greenMail.getSmtp().getPort());
        mailbox = new ServiceMailbox(
                new ServiceProperties.Mailbox(
                        "127.0.0.1", greenMail.getImap().getPort(), "imap", "support", "secret", "INBOX", 60),
                requests);
    }

    @AfterAll
    void stop() {
        clock.reset();
        greenMail.stop();
    }

    @Test
    void anEmailedComplaintIsAssignedEscalatedAnsweredInItsThreadResolvedAndLowersSatisfaction() throws Exception {
        int complaints = settings.queues().stream()
                .filter(q -> q.name().equals("Complaints"))
                .findFirst()
                .orElseThrow()
                .id();
        settings.changeQueue(
                complaints,
                new ServiceSettings.QueueInput(List.of("agent"), "servicemanager", "escalations@clientele.local"));
        // a buyer who rated us in a survey and never complained: their satisfaction is known
        Map<String, Object> customer = jdbc.sql("""
                        select c.id, c.email from customer c
                        where c.email is not null
                          and exists (select 1 from survey_answer a where a.customer_id = c.id)
                          and exists (select 1 from sale s where s.customer_id = c.id
                                      and s.sold_at > cast(:now as timestamptz) - interval '300 days')
                          and not exists (select 1 from interaction i where i.customer_id = c.id and i.kind = 'COMPLAINT')
                          and (select count(*) from customer o where o.email_key = c.email_key) = 1
                        order by c.id limit 1""")
                .param("now", java.sql.Timestamp.from(TEST_NOW))
                .query()
                .singleRow();
        long customerId = ((Number) customer.get("id")).longValue();
        String address = (String) customer.get("email");
        Map<String, Object> receipt =
                jdbc.sql("""
                        select s.id, l.product_id from sale s join sale_line l on l.sale_id = s.id
                        where s.customer_id = :c and s.kind = 'SALE' order by s.sold_at desc, l.line_no limit 1""").param("c", customerId).query().singleRow();
        long saleId = ((Number) receipt.get("id")).longValue();
        int productId = ((Number) receipt.get("product_id")).intValue();
        ScoreRun first = scoreNow();
        BigDecimal before = satisfaction(first, customerId);
        assertThat(before).as("satisfaction before the complaint").isNotNull();
        ProductQuality.Rate qualityBefore =
                quality.ofRun(first.id(), productId, null, false).getFirst();

        support.deliver(mime("From: Ann <" + address + ">\r\nTo: support@clientele.local\r\n"
                + "Subject: Complaint: the blender broke after a week\r\n"
                + "Message-ID: <first.e2e@mail.example.com>\r\n\r\nIt stopped working. I want my money back.\r\n"));
        assertThat(mailbox.readOnce()).isEqualTo(1);
        assertThat(mailbox.readOnce()).as("the mail was deleted once read").isZero();

        long id = jdbc.sql("select id from service_request where thread_id = '<first.e2e@mail.example.com>'")
                .query(Long.class)
                .single();
        ServiceRequests.Request request = requests.find(id);
        assertThat(request.customerId()).isEqualTo(customerId);
        assertThat(request.channel()).isEqualTo(RequestChannel.EMAIL);
        assertThat(request.category()).as("the 'complaint' rule").isEqualTo(RequestCategory.COMPLAINT);
        assertThat(request.priority()).isEqualTo(Priority.HIGH);
        assertThat(request.queueName()).isEqualTo("Complaints");
        assertThat(request.assignee()).as("auto-assigned to the queue's agent").isEqualTo("agent");
        assertThat(request.firstResponseDue()).isEqualTo(TEST_NOW.plus(Duration.ofHours(4)));
        assertThat(jdbc.sql("select count(*) from interaction where customer_id = :c and kind = 'COMPLAINT'"
                                + " and (details ->> 'request')::bigint = :id")
                        .param("c", customerId)
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // the agent reads it: the product failed, bought on this receipt
        HttpResponse<String> classified = api(
                tokens.issue("e2e-classifier", Role.SERVICE_AGENT.scopes(), "test")
                        .secret(),
                "PUT",
                "/api/v1/service/requests/" + id,
                "{\"category\":\"PRODUCT_FAILURE\",\"productId\":" + productId + ",\"saleId\":" + saleId + "}");
        assertThat(classified.statusCode()).as(classified.body()).isEqualTo(200);
        assertThat(json.readTree(classified.body()).get("category").asString()).isEqualTo("PRODUCT_FAILURE");
        assertThat(jdbc.sql("select count(*) from interaction where customer_id = :c and kind = 'COMPLAINT'")
                        .param("c", customerId)
                        .query(Long.class)
                        .single())
                .as("still one complaint")
                .isEqualTo(1);

        // four hours pass without a response: the request escalates, once
        assertThat(escalations.escalateBreached()).doesNotContain(id);
        clock.advance(Duration.ofHours(5));
        // (the scheduled job may be the one that escalates it: either way, once)
        escalations.escalateBreached();
        assertThat(escalations.escalateBreached()).doesNotContain(id);
        assertThat(requests.conversation(id))
                .filteredOn(m -> m.kind() == MessageKind.ESCALATION)
                .hasSize(1);
        request = requests.find(id);
        assertThat(request.assignee()).isEqualTo("servicemanager");
        assertThat(request.escalatedAt()).isNotNull();
        assertThat(request.firstResponseBreached(clock.instant())).isTrue();

        String agent =
                tokens.issue("e2e-agent", Role.SERVICE_AGENT.scopes(), "test").secret();
        String replyBody = "{\"body\":\"We are sorry. A replacement is on its way.\"}";
        HttpResponse<String> reply = send(agent, "/api/v1/service/requests/" + id + "/replies", replyBody, "e2e-r1");
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        HttpResponse<String> retried = send(agent, "/api/v1/service/requests/" + id + "/replies", replyBody, "e2e-r1");
        assertThat(json.readTree(retried.body()).get("id").asLong())
                .as("a retried reply is the same reply")
                .isEqualTo(json.readTree(reply.body()).get("id").asLong());
        assertThat(mail.sendPending(smtp)).isGreaterThanOrEqualTo(2);

        // (the demo's request past its SLA, in the same queue, is escalated with a notice of its own)
        List<String> notices = new java.util.ArrayList<>();
        for (MimeMessage notice : received("escalations@clientele.local")) {
            notices.add(notice.getSubject());
        }
        assertThat(notices)
                .filteredOn(subject -> subject.contains("[#" + id + "]"))
                .hasSize(1);
        List<MimeMessage> toCustomer = received(address);
        assertThat(toCustomer).as("one reply, sent once").hasSize(1);
        MimeMessage answer = toCustomer.getFirst();
        assertThat(answer.getSubject()).isEqualTo("Re: [#" + id + "] Complaint: the blender broke after a week");
        assertThat(answer.getHeader("In-Reply-To", null)).isEqualTo("<first.e2e@mail.example.com>");
        assertThat(answer.getHeader("References", null)).contains("<first.e2e@mail.example.com>");
        assertThat(answer.getFrom()[0].toString()).isEqualTo(properties.mailFrom());
        assertThat(((String) answer.getContent()).strip()).isEqualTo("We are sorry. A replacement is on its way.");
        request = requests.find(id);
        assertThat(request.status()).isEqualTo(RequestStatus.WAITING);
        assertThat(request.firstRespondedAt()).isEqualTo(clock.instant());

        // the customer answers in the thread: it joins the request, which is open again
        support.deliver(mime("From: " + address + "\r\nTo: support@clientele.local\r\n"
                + "Subject: Re: [#" + id + "] Complaint\r\nMessage-ID: <second.e2e@mail.example.com>\r\n"
                + "In-Reply-To: " + answer.getMessageID() + "\r\nReferences: <first.e2e@mail.example.com> "
                + answer.getMessageID() + "\r\n\r\nThank you, it arrived.\r\n"));
        assertThat(mailbox.readOnce()).isEqualTo(1);
        assertThat(requests.find(id).status()).isEqualTo(RequestStatus.OPEN);
        assertThat(requests.conversation(id))
                .extracting(ServiceRequests.Message::kind)
                .containsExactly(MessageKind.ESCALATION, MessageKind.REPLY, MessageKind.INBOUND);

        HttpResponse<String> resolved = send(agent, "/api/v1/service/requests/" + id + "/resolve", "{}", null);
        assertThat(json.readTree(resolved.body()).get("status").asString()).isEqualTo("RESOLVED");
        HttpResponse<String> rated =
                send(agent, "/api/v1/service/requests/" + id + "/satisfaction", "{\"satisfaction\":4}", null);
        assertThat(json.readTree(rated.body()).get("satisfaction").asInt()).isEqualTo(4);

        // the pages: the agent's request page with its conversation, the customer page's part
        Session session = session();
        session.signIn("agent", "demo");
        String page = session.get("/service/" + id).body();
        assertThat(page).contains("Thank you, it arrived.").contains("We are sorry. A replacement is on its way.");
        assertThat(session.get("/customers/" + customerId + "/service").body()).contains("/service/" + id);

        // back to the suite's now first: a run finished five hours ahead would stay the latest for every later test
        clock.reset();
        ScoreRun next = scoreNow();
        BigDecimal after = satisfaction(next, customerId);
        assertThat(after)
                .as("the complaint lowers satisfaction at the next run")
                .isLessThan(before);
        ProductQuality.Rate qualityAfter =
                quality.ofRun(next.id(), productId, null, false).getFirst();
        assertThat(qualityAfter.failures()).isEqualTo(qualityBefore.failures() + 1);
        assertThat(qualityAfter.unitsSold())
                .isEqualTo(qualityBefore.unitsSold())
                .isPositive();
        assertThat(qualityAfter.failureRate()).isGreaterThan(qualityBefore.failureRate());
        HttpResponse<String> rates = api(
                tokens.issue("e2e-manager", Role.SERVICE_MANAGER.scopes(), "test")
                        .secret(),
                "GET",
                "/api/v1/insight/runs/" + next.id() + "/product-quality?product=" + productId + "&byStore=true",
                null);
        assertThat(rates.statusCode()).as(rates.body()).isEqualTo(200);
        assertThat(rates.body()).contains("\"failures\":");
        Session manager = session();
        manager.signIn("servicemanager", "demo");
        String qualityPage =
                manager.get("/service/quality?product=" + productId).body();
        assertThat(qualityPage).contains("data-product=\"" + productId + "\"");
        assertThat(session.get("/service/quality").statusCode())
                .as("an agent reads no figures")
                .isEqualTo(403);
    }

    private BigDecimal satisfaction(ScoreRun run, long customerId) {
        return jdbc.sql("select satisfaction from customer_score where run_id = :run and customer_id = :c")
                .param("run", run.id())
                .param("c", customerId)
                .query(BigDecimal.class)
                .single();
    }

    private List<MimeMessage> received(String address) throws Exception {
        List<MimeMessage> found = new java.util.ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            for (jakarta.mail.Address to : m.getAllRecipients()) {
                if (to.toString().equalsIgnoreCase(address)) {
                    found.add(m);
                }
            }
        }
        return found;
    }

    private HttpResponse<String> send(String token, String path, String body, String key) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(path)))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static MimeMessage mime(String raw) throws Exception {
        return new MimeMessage(
                jakarta.mail.Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }
}
