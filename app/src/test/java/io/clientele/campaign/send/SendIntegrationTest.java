package io.clientele.campaign.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.CampaignProperties;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.material.MaterialInput;
import io.clientele.campaign.material.Materials;
import io.clientele.campaign.response.TrackingLinks;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sending against a real SMTP server (GreenMail in this JVM) and a real HTTP gateway (the JDK's server): every
 * treated member gets exactly one message, personalised and tracked; two workers at once still send each member once;
 * failures are told apart; the outbox keeps what has no server; a throttled step goes no faster than its limit.
 */
class SendIntegrationTest extends ApplicationTestSupport {
    @Autowired
    Materials materials;

    @Autowired
    SendStore store;

    @Autowired
    MessageRenderer renderer;

    @Autowired
    TrackingLinks links;

    @Autowired
    CampaignProperties properties;

    @Autowired
    JdbcTemplate template;

    @Autowired
    JsonMapper json;

    @Autowired
    Clock clock;

    @Autowired
    ApiTokens tokens;

    GreenMail smtp;
    CampaignFixtures fixtures;

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

    private long emailMaterial() {
        return materials
                .create(
                        new MaterialInput(
                                "EMAIL",
                                "Send test " + UUID.randomUUID(),
                                "Hello {{first_name|friend}}",
                                "<p>Dear {{first_name|customer}}, {{offer.description}}</p>"
                                        + "<p><a href=\"https://shop.example.com/spring?x=1&y=2\">Shop now</a>"
                                        + " <a href=\"mailto:help@shop.example.com\">Ask us</a></p>",
                                "Dear {{first_name|customer}}, {{offer.description}}: https://shop.example.com/spring.",
                                null,
                                null),
                        "marketer")
                .id();
    }

    /** A running campaign's email step with these customers treated and pending. */
    private long emailStep(List<Long> customers) {
        long campaign = fixtures.runningCampaign("Send test " + UUID.randomUUID());
        long step = fixtures.frozenStep(campaign, StepChannel.EMAIL, emailMaterial(), "20% off spring shoes");
        fixtures.treated(step, customers);
        return step;
    }

    private SendWorker worker(
            String name, long stepId, Channel email, Channel sms, CampaignProperties campaign, SendProperties send) {
        return new SendWorker(
                name,
                store,
                renderer,
                Map.of(StepChannel.EMAIL, email, StepChannel.SMS, sms),
                new SendThrottle(campaign),
                campaign,
                send,
                step -> step.id() == stepId);
    }

    private SendWorker smtpWorker(String name, long stepId) {
        return worker(
                name,
                stepId,
                new SmtpEmail(ReceivedMail.sender(smtp), properties.mailFrom(), 2),
                outbox(),
                properties,
                sendProperties(0));
    }

    private Outbox outbox() {
        return new Outbox(template, json, clock);
    }

    private static SendProperties sendProperties(int retryDelaySeconds) {
        return new SendProperties(0, 50, 50, 5, retryDelaySeconds, 2, 30);
    }

    private CampaignProperties batchOf(int batchSize) {
        return new CampaignProperties(
                properties.publicUrl(),
                properties.mailFrom(),
                null,
                null,
                properties.emailPerMinute(),
                properties.smsPerMinute(),
                batchSize,
                properties.claimTimeoutSeconds());
    }

    /** Runs the worker until the step is SENT. */
    private void drain(SendWorker worker, long stepId) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!stepStatus(stepId).equals("SENT")) {
            assertThat(System.nanoTime() - deadline)
                    .as("step %d still not sent", stepId)
                    .isNegative();
            long wait = worker.runOnce();
            if (wait > 0) {
                Thread.sleep(Math.min(wait, 50));
            }
        }
    }

    private String stepStatus(long stepId) {
        return jdbc.sql("select status from campaign_step where id = :id")
                .param("id", stepId)
                .query(String.class)
                .single();
    }

    private Map<String, Long> statuses(long stepId) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("select send_status, count(*) from campaign_member where step_id = :id group by send_status")
                .param("id", stepId)
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    private List<MimeMessage> receivedFor(long stepId) throws Exception {
        List<MimeMessage> mine = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            String header = message.getHeader(io.clientele.campaign.response.MessageIds.HEADER, null);
            if (header != null && header.startsWith(stepId + ".")) {
                mine.add(message);
            }
        }
        return mine;
    }

    @Test
    void everyTreatedMemberGetsOnePersonalisedTrackedEmail() throws Exception {
        List<Long> customers = fixtures.reachableCustomers(25);
        long step = emailStep(customers);

        drain(smtpWorker("test-1", step), step);

        List<MimeMessage> received = receivedFor(step);
        assertThat(received).hasSize(25);
        Map<Long, Map<String, Object>> expected = new HashMap<>();
        jdbc.sql("select id, email, first_name from customer where id in (:ids)")
                .param("ids", customers)
                .query(rs -> {
                    Map<String, Object> row = new HashMap<>();
                    row.put("email", rs.getString("email"));
                    row.put("first_name", rs.getString("first_name"));
                    expected.put(rs.getLong("id"), row);
                });
        Pattern messageId = Pattern.compile("<c" + step + "\\.(\\d+)\\.[0-9a-z]+@clientele>");
        List<Long> seen = new ArrayList<>();
        for (MimeMessage message : received) {
            String reference = message.getHeader(io.clientele.campaign.response.MessageIds.HEADER, null);
            long customer = Long.parseLong(reference.substring(reference.indexOf('.') + 1));
            seen.add(customer);
            Map<String, Object> who = expected.get(customer);
            assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly((String)
                    who.get("email"));
            assertThat(message.getFrom()[0].toString()).isEqualTo(properties.mailFrom());
            String firstName = (String) who.get("first_name");
            assertThat(message.getSubject()).isEqualTo("Hello " + (firstName == null ? "friend" : firstName));
            Matcher id = messageId.matcher(message.getMessageID());
            assertThat(id.matches()).as(message.getMessageID()).isTrue();
            assertThat(Long.parseLong(id.group(1))).isEqualTo(customer);
            String unsubscribe = links.unsubscribeUrl(step, customer);
            assertThat(message.getHeader("List-Unsubscribe", null)).isEqualTo("<" + unsubscribe + ">");
            assertThat(message.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");

            Document html = Jsoup.parse(ReceivedMail.part(message, "text/html"));
            assertThat(html.text())
                    .contains("Dear " + (firstName == null ? "customer" : firstName))
                    .contains("20% off spring shoes");
            String pixel = html.select("img[width=1][height=1]").attr("src");
            String pixelToken = pixel.substring(pixel.lastIndexOf('/') + 1, pixel.length() - ".gif".length());
            assertThat(links.verifyOpen(pixelToken)).contains(new TrackingLinks.Target(step, customer));
            List<String> hrefs = html.select("a[href]").eachAttr("href");
            assertThat(hrefs)
                    .contains("mailto:help@shop.example.com", unsubscribe)
                    .noneMatch(h -> h.startsWith("https://shop.example.com"));
            String click =
                    hrefs.stream().filter(h -> h.contains("/t/c/")).findFirst().orElseThrow();
            assertClickGoesTo(click, "https://shop.example.com/spring?x=1&y=2", step, customer);

            String text = ReceivedMail.part(message, "text/plain");
            assertThat(text).doesNotContain("https://shop.example.com/spring").contains(unsubscribe);
            Matcher textClick = Pattern.compile("(\\S+/t/c/\\S+?)\\.(\\s|$)").matcher(text);
            assertThat(textClick.find()).as(text).isTrue();
            assertClickGoesTo(textClick.group(1), "https://shop.example.com/spring", step, customer);
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(customers);
        assertThat(statuses(step)).containsExactly(Map.entry("SENT", 25L));
        assertThat(jdbc.sql("""
                        select count(*) from interaction
                        where kind = 'CAMPAIGN_CONTACTED' and channel = 'EMAIL' and (details ->> 'stepId')::bigint = :step
                          and customer_id in (:ids)""")
                        .param("step", step)
                        .param("ids", customers)
                        .query(Long.class)
                        .single())
                .isEqualTo(25);
        assertThat(jdbc.sql("select count(*) from campaign_member where step_id = :step and sent_at is null")
                        .param("step", step)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private void assertClickGoesTo(String click, String target, long step, long customer) {
        URI uri = URI.create(click);
        assertThat(click).startsWith(properties.publicUrl() + "/t/c/");
        String token = uri.getPath().substring("/t/c/".length());
        String u = URLDecoder.decode(uri.getRawQuery().substring("u=".length()), StandardCharsets.UTF_8);
        assertThat(u).isEqualTo(target);
        assertThat(links.verifyClick(token, u)).contains(new TrackingLinks.Target(step, customer));
    }

    @Test
    void withoutAServerTheOutboxKeepsTheMessages() throws Exception {
        List<Long> customers = fixtures.reachableCustomers(12);
        long step = emailStep(customers);

        drain(worker("test-outbox", step, outbox(), outbox(), properties, sendProperties(0)), step);

        assertThat(receivedFor(step)).isEmpty();
        List<Map<String, Object>> kept =
                jdbc.sql("""
                        select o.customer_id, o.recipient, o.subject, o.html_body, o.text_body,
                               o.headers ->> 'X-Clientele-Message' as reference,
                               o.headers ->> 'List-Unsubscribe-Post' as one_click, c.email
                        from campaign_outbox o join customer c on c.id = o.customer_id
                        where o.step_id = :step""").param("step", step).query().listOfRows();
        assertThat(kept).hasSize(12);
        for (Map<String, Object> row : kept) {
            assertThat(row.get("recipient")).isEqualTo(row.get("email"));
            assertThat((String) row.get("subject")).startsWith("Hello ");
            assertThat((String) row.get("html_body")).contains("/t/o/").contains("/t/c/");
            assertThat(row.get("reference")).isEqualTo(step + "." + row.get("customer_id"));
            assertThat(row.get("one_click")).isEqualTo("List-Unsubscribe=One-Click");
        }
        assertThat(statuses(step)).containsExactly(Map.entry("SENT", 12L));
    }

    @Test
    void theOutboxPagesShowTheMessagesToThoseWhoSendThem() throws Exception {
        List<Long> customers = fixtures.reachableCustomers(3);
        long step = emailStep(customers);
        drain(worker("test-pages", step, outbox(), outbox(), properties, sendProperties(0)), step);
        long campaign = jdbc.sql("select campaign_id from campaign_step where id = :id")
                .param("id", step)
                .query(Long.class)
                .single();
        long id = jdbc.sql("select id from campaign_outbox where step_id = :step and customer_id = :c")
                .param("step", step)
                .param("c", customers.getFirst())
                .query(Long.class)
                .single();
        String email = jdbc.sql("select email from customer where id = :id")
                .param("id", customers.getFirst())
                .query(String.class)
                .single();

        Session marketer = session();
        marketer.signIn("marketer", "demo");
        HttpResponse<String> list = marketer.get("/campaigns/outbox?step=" + step + "&channel=EMAIL");
        assertThat(list.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(list.body());
        assertThat(page.select("[data-testid=outbox] tr[data-message]")).hasSize(3);
        assertThat(page.select("tr[data-message=" + id + "]").text()).contains(email);

        Document wrongChannel =
                Jsoup.parse(marketer.get("/campaigns/outbox?channel=FAX").body());
        assertThat(wrongChannel.select("[data-testid=outbox-errors]").text())
                .contains("channel")
                .contains("EMAIL, SMS");

        HttpResponse<String> one = marketer.get("/campaigns/outbox/" + id);
        assertThat(one.statusCode()).isEqualTo(200);
        Document message = Jsoup.parse(one.body());
        assertThat(message.select("[data-testid=message-recipient]").text()).isEqualTo(email);
        assertThat(message.select("iframe[data-testid=message-html]").attr("sandbox"))
                .isEmpty();
        assertThat(message.select("iframe[data-testid=message-html]").hasAttr("sandbox"))
                .isTrue();
        assertThat(message.select("iframe[data-testid=message-html]").attr("srcdoc"))
                .contains("/t/o/");
        assertThat(message.select("[data-testid=message-headers]").text())
                .contains("X-Clientele-Message", step + "." + customers.getFirst(), "List-Unsubscribe-Post");
        assertThat(message.select("script")).allMatch(script -> script.hasAttr("src"));

        HttpResponse<String> sending = marketer.get("/campaigns/" + campaign + "/sending");
        Document progress = Jsoup.parse(sending.body());
        assertThat(progress.select("tr[data-step=" + step + "] td[data-state=SENT]")
                        .text())
                .isEqualTo("3");
        assertThat(progress.select("tr[data-step=" + step + "] td[data-state=PENDING]")
                        .text())
                .isEqualTo("0");
        assertThat(marketer.get("/campaigns/" + campaign).body()).contains("/campaigns/" + campaign + "/sending");

        Session analyst = session();
        analyst.signIn("analyst", "demo");
        assertThat(analyst.get("/campaigns/outbox").statusCode()).isEqualTo(403);
        assertThat(analyst.get("/campaigns/outbox/" + id).statusCode()).isEqualTo(403);

        String token = tokens.issue("outbox-" + UUID.randomUUID(), Role.MARKETER.scopes(), "test")
                .secret();
        HttpResponse<String> api = api(token, "GET", "/api/v1/campaigns/outbox?step=" + step, null);
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(json.readTree(api.body()).get("total").asLong()).isEqualTo(3);
        HttpResponse<String> apiOne = api(token, "GET", "/api/v1/campaigns/outbox/" + id, null);
        assertThat(json.readTree(apiOne.body())
                        .get("headers")
                        .get("X-Clientele-Message")
                        .asText())
                .isEqualTo(step + "." + customers.getFirst());
        HttpResponse<String> progressApi = api(token, "GET", "/api/v1/campaigns/" + campaign + "/sending", null);
        assertThat(json.readTree(progressApi.body())
                        .get(0)
                        .get("members")
                        .get("SENT")
                        .asLong())
                .isEqualTo(3);
        assertThat(api(token, "GET", "/api/v1/campaigns/outbox?channel=FAX", null)
                        .statusCode())
                .isEqualTo(400);
        String analystToken = tokens.issue("outbox-analyst-" + UUID.randomUUID(), Role.ANALYST.scopes(), "test")
                .secret();
        assertThat(api(analystToken, "GET", "/api/v1/campaigns/outbox", null).statusCode())
                .isEqualTo(403);
    }

    @Test
    void twoWorkersAtOnceSendEachMemberOnce() throws Exception {
        List<Long> customers = fixtures.reachableCustomers(300);
        long step = emailStep(customers);
        CampaignProperties small = batchOf(20);
        SmtpEmail email = new SmtpEmail(ReceivedMail.sender(smtp), properties.mailFrom(), 2);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (String name : List.of("twin-a", "twin-b")) {
            SendWorker worker = worker(name, step, email, outbox(), small, sendProperties(0));
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    drain(worker, step);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(failures).isEmpty();
        List<MimeMessage> received = receivedFor(step);
        List<String> references = new ArrayList<>();
        List<String> recipients = new ArrayList<>();
        for (MimeMessage message : received) {
            references.add(message.getHeader(io.clientele.campaign.response.MessageIds.HEADER, null));
            recipients.add(message.getAllRecipients()[0].toString());
        }
        assertThat(received).hasSize(300);
        assertThat(references).doesNotHaveDuplicates();
        assertThat(recipients).doesNotHaveDuplicates();
        assertThat(statuses(step)).containsExactly(Map.entry("SENT", 300L));
        assertThat(jdbc.sql("select count(distinct claimed_by) from campaign_member where step_id = :step")
                        .param("step", step)
                        .query(Long.class)
                        .single())
                .as("both workers sent")
                .isEqualTo(2);
    }

    @Test
    void anInvalidAddressFailsForGoodAndAServerDownRetriesLater() throws Exception {
        List<Long> customers = fixtures.reachableCustomers(3);
        long step = emailStep(customers);
        jdbc.sql("update campaign_member set address = 'not an address' where step_id = :step and customer_id = :c")
                .param("step", step)
                .param("c", customers.getFirst())
                .update();
        JavaMailSenderImpl down = new JavaMailSenderImpl();
        down.setHost("127.0.0.1");
        down.setPort(freePort());
        SendWorker worker = worker(
                "down",
                step,
                new SmtpEmail(down, properties.mailFrom(), 1),
                outbox(),
                properties,
                sendProperties(3600));

        assertThat(worker.runOnce()).isZero();

        assertThat(statuses(step)).containsOnly(Map.entry("FAILED", 1L), Map.entry("PENDING", 2L));
        assertThat(jdbc.sql("select error from campaign_member where step_id = :step and customer_id = :c")
                        .param("step", step)
                        .param("c", customers.getFirst())
                        .query(String.class)
                        .single())
                .startsWith("invalid email address");
        assertThat(jdbc.sql("""
                        select count(*) from campaign_member where step_id = :step and send_status = 'PENDING'
                          and attempts = 1 and error like 'mail server unreachable%'""").param("step", step).query(Long.class).single()).isEqualTo(2);
        // within the retry delay the worker leaves them alone, and the step is not done
        assertThat(worker.runOnce()).isPositive();
        assertThat(stepStatus(step)).isEqualTo("SENDING");

        // the server is back: another worker (no delay) sends them once
        drain(smtpWorker("back", step), step);
        assertThat(receivedFor(step)).hasSize(2);
        assertThat(statuses(step)).containsOnly(Map.entry("FAILED", 1L), Map.entry("SENT", 2L));
    }

    @Test
    void aClaimLeftBehindByAStoppedWorkerBecomesUncertainAndIsNeverSent() throws Exception {
        List<Long> customers = fixtures.reachableCustomers(10);
        long step = emailStep(customers);
        assertThat(store.claim(step, "gone", 4, 0)).hasSize(4);
        jdbc.sql("update campaign_member set claimed_at = now() - interval '1 hour' where step_id = :step"
                        + " and claimed_by = 'gone'")
                .param("step", step)
                .update();

        drain(smtpWorker("survivor", step), step);

        assertThat(statuses(step)).containsOnly(Map.entry("UNCERTAIN", 4L), Map.entry("SENT", 6L));
        assertThat(receivedFor(step)).hasSize(6);
        assertThat(jdbc.sql("""
                        select count(*) from campaign_member m where step_id = :step and send_status = 'UNCERTAIN'
                          and claimed_by = 'gone' and sent_at is null""").param("step", step).query(Long.class).single()).isEqualTo(4);
    }

    @Test
    void aThrottledStepSendsNoFasterThanItsLimit() throws Exception {
        long step = emailStep(fixtures.reachableCustomers(40));
        jdbc.sql("update campaign_step set throttle_per_minute = 120 where id = :step")
                .param("step", step)
                .update();
        SendWorker worker = worker("slow", step, outbox(), outbox(), properties, sendProperties(0));

        long start = System.nanoTime();
        while (System.nanoTime() - start < 2_000_000_000L) {
            long wait = worker.runOnce();
            if (wait > 0) {
                Thread.sleep(Math.min(wait, 20));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        long sent = statuses(step).getOrDefault("SENT", 0L);
        // 2 a second, and a burst of at most one second's worth
        assertThat(sent).isBetween(4L, 2L + (long) Math.floor(seconds * 2) + 1);
        assertThat(stepStatus(step)).isEqualTo("SENDING");
    }

    @Test
    void aSlowSendKeepsItsSmtpConnectionsOpenAcrossBatchesAndReconnectsWhenDropped() throws Exception {
        List<Long> customers = fixtures.reachableCustomers(300);
        long step = emailStep(customers);
        // 3,000 a minute: batches of the few messages the throttle allows, each split over the four connections
        jdbc.sql("update campaign_step set throttle_per_minute = 3000 where id = :step")
                .param("step", step)
                .update();
        try (CountingProxy relay = new CountingProxy(smtp.getSmtp().getPort())) {
            JavaMailSenderImpl sender = ReceivedMail.sender(smtp);
            sender.setPort(relay.port());
            SendWorker worker = worker(
                    "steady",
                    step,
                    new SmtpEmail(sender, properties.mailFrom(), 4),
                    outbox(),
                    properties,
                    sendProperties(0));
            int batches = 0;
            int dropped = 0;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!stepStatus(step).equals("SENT") && System.nanoTime() < deadline) {
                long wait = worker.runOnce();
                if (wait > 0) {
                    Thread.sleep(wait);
                } else if (++batches == 20) {
                    // the relay drops the idle connections between two batches: the next batch connects again
                    relay.dropAll();
                    dropped = relay.connections();
                }
            }
            System.out.printf(
                    "SMTP connections for %d messages in %d batches: %d (%d before all were dropped)%n",
                    customers.size(), batches, relay.connections(), dropped);
            List<String> recipients = new ArrayList<>();
            for (MimeMessage message : receivedFor(step)) {
                recipients.add(message.getHeader(io.clientele.campaign.response.MessageIds.HEADER, null));
            }
            assertThat(recipients).hasSize(customers.size()).doesNotHaveDuplicates();
            assertThat(batches).as("sent in many small batches").isGreaterThan(10);
            assertThat(dropped).as("connections before the drop").isBetween(1, 4);
            assertThat(relay.connections()).as("connections opened").isLessThanOrEqualTo(dropped + 4);
            assertThat(statuses(step)).as("nothing uncertain or failed").containsOnly(Map.entry("SENT", 300L));
            worker.close();
            deadline = System.nanoTime() + 5_000_000_000L;
            while (relay.open() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(relay.open()).as("closed with the worker").isZero();
        }
    }

    @Test
    void smsGoThroughTheGatewayAndItsReceiptsCountOnce() throws Exception {
        List<Long> customers = fixtures.reachableCustomers(3);
        long campaign = fixtures.runningCampaign("SMS test " + UUID.randomUUID());
        long material = fixtures.textMaterial("SMS", "Hi {{first_name|there}}, {{offer.description}}");
        long step = fixtures.frozenStep(campaign, StepChannel.SMS, material, "2 for 1");
        fixtures.treated(step, customers);
        Map<String, Long> phones = new HashMap<>();
        jdbc.sql("select id, phone from customer where id in (:ids)")
                .param("ids", customers)
                .query(rs -> {
                    phones.put(rs.getString("phone"), rs.getLong("id"));
                });
        List<Map<String, Object>> requests = new CopyOnWriteArrayList<>();
        Map<Long, Integer> calls = new java.util.concurrent.ConcurrentHashMap<>();
        com.sun.net.httpserver.HttpServer gateway =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/sms", exchange -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = json.readValue(exchange.getRequestBody().readAllBytes(), Map.class);
            body.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
            requests.add(body);
            long customer = phones.get((String) body.get("to"));
            int call = calls.merge(customer, 1, Integer::sum);
            int status =
                    customer == customers.get(0) ? 202 : customer == customers.get(1) ? 400 : call == 1 ? 503 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        gateway.start();
        try {
            CampaignProperties withGateway = new CampaignProperties(
                    properties.publicUrl(),
                    properties.mailFrom(),
                    "http://127.0.0.1:" + gateway.getAddress().getPort() + "/sms",
                    "secret-token",
                    properties.emailPerMinute(),
                    properties.smsPerMinute(),
                    500,
                    300);
            Channel sms = new SmsGateway(withGateway.smsGatewayUrl(), withGateway.smsGatewayToken(), json);
            SendWorker worker = worker("sms", step, outbox(), sms, withGateway, sendProperties(0));

            assertThat(worker.runOnce()).isZero();
            assertThat(statuses(step))
                    .containsOnly(Map.entry("SENT", 1L), Map.entry("FAILED", 1L), Map.entry("PENDING", 1L));

            drain(worker, step);
        } finally {
            gateway.stop(0);
        }

        assertThat(statuses(step)).containsOnly(Map.entry("SENT", 2L), Map.entry("FAILED", 1L));
        assertThat(requests).hasSize(4);
        String firstName = jdbc.sql("select coalesce(first_name, 'there') from customer where id = :id")
                .param("id", customers.get(0))
                .query(String.class)
                .single();
        Map<String, Object> first = requests.stream()
                .filter(r -> r.get("reference").equals(step + "." + customers.get(0)))
                .findFirst()
                .orElseThrow();
        assertThat(first)
                .containsEntry("text", "Hi " + firstName + ", 2 for 1")
                .containsEntry("authorization", "Bearer secret-token");

        String token = tokens.issue("sms-gateway-" + UUID.randomUUID(), Role.MARKETER.scopes(), "test")
                .secret();
        String delivered = "{\"reference\":\"" + step + "." + customers.get(0) + "\",\"status\":\"DELIVERED\"}";
        HttpResponse<String> once = api(token, "POST", "/api/v1/campaigns/sms/receipts", delivered);
        HttpResponse<String> twice = api(token, "POST", "/api/v1/campaigns/sms/receipts", delivered);
        HttpResponse<String> failed = api(
                token,
                "POST",
                "/api/v1/campaigns/sms/receipts",
                "{\"reference\":\"" + step + "." + customers.get(2) + "\",\"status\":\"FAILED\"}");
        assertThat(once.statusCode()).as(once.body()).isEqualTo(200);
        assertThat(once.body()).contains("\"recorded\":true");
        assertThat(twice.body()).contains("\"recorded\":false");
        assertThat(failed.body()).contains("\"recorded\":true");
        assertThat(jdbc.sql(
                                "select kind || ':' || customer_id from campaign_response where step_id = :step order by kind")
                        .param("step", step)
                        .query(String.class)
                        .list())
                .containsExactly("BOUNCED:" + customers.get(2), "DELIVERED:" + customers.get(0));

        HttpResponse<String> bad =
                api(token, "POST", "/api/v1/campaigns/sms/receipts", "{\"reference\":\"abc\",\"status\":\"LOST\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("reference").contains("status");
        String analyst = tokens.issue("sms-analyst-" + UUID.randomUUID(), Role.ANALYST.scopes(), "test")
                .secret();
        assertThat(api(analyst, "POST", "/api/v1/campaigns/sms/receipts", delivered)
                        .statusCode())
                .isEqualTo(403);
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
