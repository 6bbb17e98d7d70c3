package io.clientele.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.ApplicationTestSupport;
import io.clientele.platform.InvalidInputException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Public forms against hostile and careless visitors, over HTTP as a browser sends them: script payloads in every
 * field, a 10 MB body, a flood from one address, a forged confirmation link, a retried submission — none a 5xx, and
 * nothing stored twice; a prospect matched by email and by phone, its stored values kept; the double opt-in; an
 * inquiry becoming a service request and a lead; concurrent registrations never overbooking a session; check-in and
 * an all-or-nothing import of scans.
 */
class FormsIntegrationTest extends ApplicationTestSupport {
    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");
    private static final String SCRIPT = "<script>alert(1)</script>";

    @Autowired
    Forms forms;

    @Autowired
    Events events;

    @Autowired
    FormSubmissions submissions;

    private static final AtomicInteger addresses = new AtomicInteger(1);

    private String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A client address of its own, so that one test's posts do not use up another's rate limit. */
    private Session visitor() {
        return session().from("198.51.100." + addresses.getAndIncrement());
    }

    private Forms.Form newsletter(String tag) {
        return forms.create(
                new Forms.FormInput(
                        "news-" + tag,
                        "Newsletter " + tag,
                        "NEWSLETTER",
                        "Our newsletter",
                        null,
                        null,
                        null,
                        "web-footer",
                        null,
                        false,
                        true,
                        List.of(
                                new Forms.FieldInput("EMAIL", "Email", true),
                                new Forms.FieldInput("PHONE", "Phone", false),
                                new Forms.FieldInput("FIRST_NAME", "First name", false),
                                new Forms.FieldInput("LAST_NAME", "Last name", false),
                                new Forms.FieldInput("CITY", "City", false)),
                        List.of(new Forms.ConsentInput("EMAIL", "Send me the monthly newsletter " + tag, true))),
                "test");
    }

    private String token(Session visitor, String slug) throws Exception {
        HttpResponse<String> page = visitor.get("/f/" + slug);
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher m = TOKEN.matcher(page.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> post(Session visitor, String slug, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return visitor.send(HttpRequest.newBuilder(URI.create(url("/f/" + slug)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private long count(String sql, Object param) {
        return jdbc.sql(sql).param("p", param).query(Long.class).single();
    }

    @Test
    void aNewsletterSignUpIsConfirmedOnceByItsLinkAndAForgedLinkConfirmsNothing() throws Exception {
        String tag = tag();
        Forms.Form form = newsletter(tag);
        Session visitor = visitor();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("token", token(visitor, form.slug()));
        values.put("email", "ann." + tag + "@example.com");
        values.put("firstName", "Ann");
        values.put("consent.EMAIL", "on");
        HttpResponse<String> thanks = post(visitor, form.slug(), values);
        assertThat(thanks.statusCode()).isEqualTo(200);
        assertThat(thanks.body()).contains("data-testid=\"check-mail\"");

        long customer = count("select customer_id from form_submission where token = :p", values.get("token"));
        // the consent waits for the confirmation; its wording is kept with the submission
        assertThat(count(
                        "select count(*) from customer_consent where customer_id = :p and channel = 'EMAIL' and granted",
                        customer))
                .isZero();
        assertThat(jdbc.sql("""
                        select c.wording from form_submission_consent c join form_submission s on s.id = c.submission_id
                        where s.customer_id = :p""").param("p", customer).query(String.class).single())
                .isEqualTo("Send me the monthly newsletter " + tag);
        String mail = jdbc.sql("select m.body from form_mail m join form_submission s on s.id = m.submission_id"
                        + " where s.customer_id = :p")
                .param("p", customer)
                .query(String.class)
                .single();
        Matcher link = Pattern.compile("(/f/" + form.slug() + "/confirm/\\S+)").matcher(mail);
        assertThat(link.find()).isTrue();

        // forged: a made-up token, a real one changed, another submission's number with this one's MAC
        String real = link.group(1);
        String mac = real.substring(real.lastIndexOf('.') + 1);
        for (String forged : List.of(
                "/f/" + form.slug() + "/confirm/12345.AAAAAAAAAAAAAAAAAAAAAAAA",
                real.substring(0, real.length() - 2) + "xx",
                "/f/" + form.slug() + "/confirm/1." + mac,
                "/f/" + form.slug() + "/confirm/"
                        + URLEncoder.encode("<b onclick=alert(1)>x", StandardCharsets.UTF_8))) {
            HttpResponse<String> page = visitor.get(forged);
            assertThat(page.statusCode()).as(forged).isEqualTo(404);
            assertThat(page.body()).contains("data-result=\"BAD_LINK\"").doesNotContain(SCRIPT);
        }
        assertThat(count("select count(*) from customer_consent_event where customer_id = :p", customer))
                .isZero();

        HttpResponse<String> confirmed = visitor.get(real);
        assertThat(confirmed.body()).contains("data-result=\"CONFIRMED\"");
        assertThat(jdbc.sql(
                                "select source from customer_consent where customer_id = :c and channel = 'EMAIL' and granted")
                        .param("c", customer)
                        .query(String.class)
                        .single())
                .contains("form " + form.slug())
                .contains("double opt-in");
        // reused: a clear page, nothing recorded again
        assertThat(visitor.get(real).body()).contains("data-result=\"ALREADY_CONFIRMED\"");
        assertThat(count("select count(*) from customer_consent_event where customer_id = :p", customer))
                .isEqualTo(1);
    }

    @Test
    void aRetriedSubmissionStoresNothingTwiceAndAnExpiredOrForgedTokenStoresNothing() throws Exception {
        String tag = tag();
        Forms.Form form = newsletter(tag);
        Session visitor = visitor();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("token", token(visitor, form.slug()));
        values.put("email", "retry." + tag + "@example.com");
        values.put("consent.EMAIL", "on");
        for (int i = 0; i < 3; i++) {
            assertThat(post(visitor, form.slug(), values).statusCode()).isEqualTo(200);
        }
        assertThat(count("select count(*) from form_submission where form_id = :p", form.id()))
                .isEqualTo(1);
        assertThat(count(
                        "select count(*) from form_mail m join form_submission s on s.id = m.submission_id"
                                + " where s.form_id = :p",
                        form.id()))
                .isEqualTo(1);
        assertThat(count("select count(*) from customer where email_key = :p", "retry." + tag + "@example.com"))
                .isEqualTo(1);

        values.put("token", form.id() + ".1.abc.def");
        HttpResponse<String> forged = post(visitor, form.slug(), values);
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("name=\"token\"");
        values.remove("token");
        assertThat(post(visitor, form.slug(), values).statusCode()).isEqualTo(400);
        assertThat(count("select count(*) from form_submission where form_id = :p", form.id()))
                .isEqualTo(1);
    }

    @Test
    void scriptPayloadsInEveryFieldAreStoredAsTextAndShownEscaped() throws Exception {
        String tag = tag();
        Forms.Form form = newsletter(tag);
        Session visitor = visitor();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("token", token(visitor, form.slug()));
        values.put("email", "script." + tag + "@example.com");
        values.put("firstName", SCRIPT);
        values.put("lastName", "\"><img src=x onerror=alert(2)>");
        values.put("city", SCRIPT);
        values.put("phone", SCRIPT);
        values.put("source", SCRIPT);
        values.put("consent.EMAIL", SCRIPT);
        // a phone of markup is not a phone: the form comes back naming it, with the values escaped
        HttpResponse<String> refused = post(visitor, form.slug(), values);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("id=\"phone-error\"")
                .doesNotContain(SCRIPT)
                .doesNotContain("<img src=x");
        assertThat(count("select count(*) from form_submission where form_id = :p", form.id()))
                .isZero();

        values.put("phone", "+86 138 0000 " + (1000 + addresses.get()));
        assertThat(post(visitor, form.slug(), values).statusCode()).isEqualTo(200);
        long customer = count("select customer_id from form_submission where form_id = :p", form.id());
        assertThat(jdbc.sql("select first_name from customer where id = :id")
                        .param("id", customer)
                        .query(String.class)
                        .single())
                .isEqualTo(SCRIPT);
        assertThat(jdbc.sql("select answers ->> 'source' from form_submission where form_id = :f")
                        .param("f", form.id())
                        .query(String.class)
                        .single())
                .isEqualTo(SCRIPT);

        Session marketer = session();
        marketer.signIn("marketer", "demo");
        String page = marketer.get("/forms/" + form.id()).body();
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(SCRIPT);
        assertThat(marketer.get("/customers/" + customer).body()).doesNotContain(SCRIPT);
    }

    @Test
    void aTenMegabyteBodyAndAFloodFromOneAddressAreTurnedAwayWithoutA5xx() throws Exception {
        String tag = tag();
        Forms.Form form = newsletter(tag);
        Session visitor = visitor();
        String token = token(visitor, form.slug());
        String huge = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&email=big." + tag
                + "%40example.com&firstName=" + "x".repeat(10 * 1024 * 1024);
        HttpResponse<String> big = visitor.send(HttpRequest.newBuilder(URI.create(url("/f/" + form.slug())))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(huge)));
        assertThat(big.statusCode()).isIn(400, 413);
        assertThat(count("select count(*) from form_submission where form_id = :p", form.id()))
                .isZero();

        Session flood = visitor();
        int refused = 0;
        String retryAfter = null;
        for (int i = 0; i < 25; i++) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("token", token);
            values.put("email", "flood" + i + "." + tag + "@example.com");
            values.put("consent.EMAIL", "on");
            HttpResponse<String> response = post(flood, form.slug(), values);
            assertThat(response.statusCode()).isLessThan(500);
            if (response.statusCode() == 429) {
                refused++;
                retryAfter = response.headers().firstValue("Retry-After").orElse(null);
            }
        }
        assertThat(refused).isGreaterThan(0);
        assertThat(retryAfter).isNotNull();
        assertThat(Integer.parseInt(retryAfter)).isPositive();
        // one token, one submission, however many addresses it came with
        assertThat(count("select count(*) from form_submission where form_id = :p", form.id()))
                .isEqualTo(1);
        // another address is served
        assertThat(visitor().get("/f/" + form.slug()).statusCode()).isEqualTo(200);
    }

    @Test
    void aHoneypotFilledInStoresNothingButLooksLikeSuccess() throws Exception {
        String tag = tag();
        Forms.Form form = newsletter(tag);
        Session robot = visitor();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("token", token(robot, form.slug()));
        values.put("email", "robot." + tag + "@example.com");
        values.put("consent.EMAIL", "on");
        values.put("website", "http://spam.example.com");
        HttpResponse<String> response = post(robot, form.slug(), values);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("data-testid=\"form-thanks\"");
        assertThat(count("select count(*) from form_submission where form_id = :p", form.id()))
                .isZero();
        assertThat(count("select count(*) from customer where email_key = :p", "robot." + tag + "@example.com"))
                .isZero();
    }

    @Test
    void onlyThePublicFormMayBeFramed() throws Exception {
        Forms.Form form = newsletter(tag());
        HttpResponse<String> page = visitor().get("/f/" + form.slug());
        assertThat(page.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors *");
        HttpResponse<String> faq = visitor().get("/faq");
        assertThat(faq.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(faq.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors 'none'");
    }

    @Test
    void aSubmissionMatchesAProspectByEmailThenByPhoneAndNeverOverwritesWhatIsStored() throws Exception {
        String tag = tag();
        Forms.Form form = newsletter(tag);
        String phone = "+86 139 " + (10_000_000 + Math.abs(tag.hashCode() % 9_000_000));
        long existing = jdbc.sql("""
                        insert into customer (first_name, last_name, email, phone, city)
                        values ('Mei', 'Wang', :email, :phone, null) returning id""")
                .param("email", "Mei." + tag + "@Example.com")
                .param("phone", phone)
                .query(Long.class)
                .single();

        // by email (case and blanks aside): the stored name is kept, the empty city filled, nothing cleared
        Session visitor = visitor();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("token", token(visitor, form.slug()));
        values.put("email", "  mei." + tag + "@example.com ");
        values.put("firstName", "Someone else");
        values.put("lastName", "");
        values.put("city", "Hangzhou");
        values.put("consent.EMAIL", "on");
        assertThat(post(visitor, form.slug(), values).statusCode()).isEqualTo(200);
        Map<String, Object> row = jdbc.sql("select first_name, last_name, city, email from customer where id = :id")
                .param("id", existing)
                .query()
                .singleRow();
        assertThat(row.get("first_name")).isEqualTo("Mei");
        assertThat(row.get("last_name")).isEqualTo("Wang");
        assertThat(row.get("city")).isEqualTo("Hangzhou");
        assertThat(row.get("email")).isEqualTo("Mei." + tag + "@Example.com");

        // by phone (its digits) when the email is new: the customer's email is kept, not replaced
        Forms.Form byPhone = forms.create(
                new Forms.FormInput(
                        "phone-" + tag,
                        "Call me " + tag,
                        "NEWSLETTER",
                        "Call me",
                        null,
                        null,
                        null,
                        null,
                        null,
                        false,
                        true,
                        List.of(
                                new Forms.FieldInput("PHONE", "Phone", true),
                                new Forms.FieldInput("EMAIL", "Email", false)),
                        List.of()),
                "test");
        values = new LinkedHashMap<>();
        values.put("token", token(visitor, byPhone.slug()));
        values.put("phone", phone.replace(" ", "-"));
        values.put("email", "other." + tag + "@example.com");
        assertThat(post(visitor, byPhone.slug(), values).statusCode()).isEqualTo(200);
        assertThat(count("select customer_id from form_submission where form_id = :p", byPhone.id()))
                .isEqualTo(existing);
        assertThat(jdbc.sql("select email from customer where id = :id")
                        .param("id", existing)
                        .query(String.class)
                        .single())
                .isEqualTo("Mei." + tag + "@Example.com");

        // neither known: a new prospect
        values = new LinkedHashMap<>();
        values.put("token", token(visitor, byPhone.slug()));
        values.put("phone", "+1 555 " + (1_000_000 + Math.abs(tag.hashCode() % 8_000_000)));
        assertThat(post(visitor, byPhone.slug(), values).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select new_customer from form_submission where form_id = :f order by id desc limit 1")
                        .param("f", byPhone.id())
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(submissions.page(byPhone.id(), 0, 20).items()).hasSize(2);
    }

    @Test
    void anInquiryBecomesAServiceRequestAndALeadOnce() throws Exception {
        String tag = tag();
        Forms.Form form = forms.create(
                new Forms.FormInput(
                        "ask-" + tag,
                        "Ask us " + tag,
                        "INQUIRY",
                        "Book a machine service",
                        null,
                        null,
                        null,
                        null,
                        null,
                        true,
                        true,
                        List.of(
                                new Forms.FieldInput("EMAIL", "Email", true),
                                new Forms.FieldInput("MESSAGE", "Message", true)),
                        List.of()),
                "test");
        Session visitor = visitor();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("token", token(visitor, form.slug()));
        values.put("email", "inquiry." + tag + "@example.com");
        assertThat(post(visitor, form.slug(), values).body()).contains("id=\"message-error\"");
        values.put("message", "My espresso machine needs descaling " + tag);
        assertThat(post(visitor, form.slug(), values).statusCode()).isEqualTo(200);
        assertThat(post(visitor, form.slug(), values).statusCode()).isEqualTo(200);
        Map<String, Object> submission = jdbc.sql(
                        "select service_request_id, lead_id, customer_id from form_submission where form_id = :f")
                .param("f", form.id())
                .query()
                .singleRow();
        assertThat(jdbc.sql("select channel || ' ' || description from service_request where id = :id")
                        .param("id", submission.get("service_request_id"))
                        .query(String.class)
                        .single())
                .isEqualTo("FORM My espresso machine needs descaling " + tag);
        assertThat(jdbc.sql("select source from lead where id = :id")
                        .param("id", submission.get("lead_id"))
                        .query(String.class)
                        .single())
                .isEqualTo("WEB_FORM");
        assertThat(count("select count(*) from service_request where customer_id = :p", submission.get("customer_id")))
                .isEqualTo(1);
    }

    @Test
    void aDefinitionWithProblemsIsRefusedWithEveryFieldNamed() {
        assertThatThrownBy(() -> forms.create(
                        new Forms.FormInput(
                                "Bad Slug!",
                                "",
                                "EVENT",
                                "t",
                                null,
                                null,
                                987654321L,
                                null,
                                null,
                                false,
                                true,
                                List.of(new Forms.FieldInput("NOPE", "x", true)),
                                List.of(new Forms.ConsentInput("EMAIL", "", true))),
                        "test"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(p -> p.field())
                                .contains(
                                        "slug",
                                        "name",
                                        "campaignId",
                                        "eventId",
                                        "fields[0].attribute",
                                        "consents[0].wording"));
    }

    private Forms.Form eventForm(String tag, long eventId) {
        return forms.create(
                new Forms.FormInput(
                        "event-" + tag,
                        "Seminar sign-up " + tag,
                        "EVENT",
                        "Register",
                        null,
                        null,
                        null,
                        null,
                        eventId,
                        false,
                        true,
                        List.of(
                                new Forms.FieldInput("EMAIL", "Email", true),
                                new Forms.FieldInput("FIRST_NAME", "First name", true),
                                new Forms.FieldInput("LAST_NAME", "Last name", true)),
                        List.of(new Forms.ConsentInput("EMAIL", "Keep me posted about events", false))),
                "test");
    }

    @Test
    void concurrentRegistrationsNeverOverbookASession() throws Exception {
        String tag = tag();
        Events.Event event = events.create(new Events.EventInput("Crowded " + tag, "SEMINAR", null, null), "test");
        Events.Session session = events.addSession(
                event.id(),
                new Events.SessionInput(
                        "Only five",
                        "Room 1",
                        TEST_NOW.plus(Duration.ofDays(3)).toString(),
                        TEST_NOW.plus(Duration.ofDays(3).plusHours(2)).toString(),
                        5));
        Forms.Form form = eventForm(tag, event.id());
        int visitors = 16;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < visitors; i++) {
            int n = i;
            Callable<Boolean> register = () -> {
                Map<String, String> values = new LinkedHashMap<>();
                values.put("email", "crowd" + n + "." + tag + "@example.com");
                values.put("firstName", "Guest");
                values.put("lastName", "No " + n);
                values.put("session", String.valueOf(session.id()));
                try {
                    submissions.submit(form, submissions.token(form), values, "192.0.2.1");
                    return true;
                } catch (InvalidInputException e) {
                    assertThat(e.problems()).extracting(p -> p.code()).containsExactly("forms.validation.sessionFull");
                    return false;
                }
            };
            results.add(pool.submit(register));
        }
        int registered = 0;
        for (Future<Boolean> result : results) {
            if (result.get()) {
                registered++;
            }
        }
        pool.shutdown();
        assertThat(registered).isEqualTo(5);
        assertThat(count("select count(*) from event_registration where session_id = :p", session.id()))
                .isEqualTo(5);
        assertThat(count("select registered from event_session where id = :p", session.id()))
                .isEqualTo(5);
        // the refused left nothing behind: no submission without its seat
        assertThat(count("select count(*) from form_submission where form_id = :p", form.id()))
                .isEqualTo(5);
    }

    @Test
    void checkInByTapAndByAFileOfScansAllOrNothingAndNoShowsAfterTheSession() throws Exception {
        String tag = tag();
        Events.Event event = events.create(new Events.EventInput("Expo " + tag, "TRADE_SHOW", null, null), "test");
        Events.Session today = events.addSession(
                event.id(),
                new Events.SessionInput(
                        "Day one",
                        "Hall A",
                        TEST_NOW.minus(Duration.ofHours(1)).toString(),
                        TEST_NOW.plus(Duration.ofHours(8)).toString(),
                        50));
        Forms.Form form = eventForm(tag, event.id());
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("email", "expo" + i + "." + tag + "@example.com");
            values.put("firstName", "Visitor");
            values.put("lastName", "N" + i + tag);
            values.put("session", String.valueOf(today.id()));
            submissions.submit(form, submissions.token(form), values, null);
        }
        events.registrations(event.id(), null, null, 0, 50).items().forEach(r -> codes.add(r.code()));
        assertThat(codes).hasSize(4);

        Session store = session();
        store.signIn("store", "demo");
        String list = store.get("/check-in/" + event.id() + "?q=n2" + tag).body();
        assertThat(list).contains("N2" + tag).doesNotContain("N1" + tag);

        String bad = "code,scanned_at\n" + codes.get(0) + ",\nNOSUCHCODE,\n" + codes.get(1) + ",yesterday\n";
        HttpResponse<String> refused = csv(event.id(), bad);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("row 3").contains("row 4");
        assertThat(events.registrations(event.id(), null, Events.RegistrationStatus.ATTENDED, 0, 50)
                        .total())
                .isZero();

        HttpResponse<String> imported =
                csv(event.id(), "code\n" + codes.get(0) + "\n" + codes.get(1).toLowerCase() + "\n");
        assertThat(imported.statusCode()).isEqualTo(200);
        assertThat(imported.body()).contains("\"checkedIn\":2");
        assertThat(csv(event.id(), "code\n" + codes.get(0) + "\n").body()).contains("\"already\":1");

        // after the session: the two never checked in are no-shows
        io.clientele.TestClock clock = testClock;
        clock.advance(Duration.ofHours(9));
        try {
            assertThat(events.registrations(event.id(), null, Events.RegistrationStatus.NO_SHOW, 0, 50)
                            .total())
                    .isEqualTo(2);
            assertThat(events.find(event.id()).sessions().getFirst().noShows()).isEqualTo(2);
        } finally {
            clock.reset();
        }
    }

    @Autowired
    io.clientele.TestClock testClock;

    @Autowired
    io.clientele.identity.ApiTokens tokens;

    private String adminToken;

    private String adminToken() {
        if (adminToken == null) {
            adminToken = tokens.issue(
                            "forms test", java.util.EnumSet.allOf(io.clientele.identity.ApiScope.class), "test")
                    .secret();
        }
        return adminToken;
    }

    private HttpResponse<String> csv(long eventId, String body) throws Exception {
        return java.net.http.HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url("/api/v1/events/" + eventId + "/check-ins/import")))
                                .header("Authorization", "Bearer " + adminToken())
                                .header("Content-Type", "text/csv")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
