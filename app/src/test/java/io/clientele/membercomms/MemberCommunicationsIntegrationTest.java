package io.clientele.membercomms;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.clientele.ApplicationTestSupport;
import io.clientele.TestClock;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.material.Materials;
import io.clientele.campaign.send.GreenMailSending;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import io.clientele.loyalty.LoyaltyCards;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The member programmes the demo set up and approved, triggered at chosen moments on real loyalty data, sent by the
 * real workers over SMTP (GreenMail): each occasion once whatever runs again, with the figures it is about; consent
 * and contact pressure leave members out with the reason; a paused programme triggers nothing.
 */
class MemberCommunicationsIntegrationTest extends ApplicationTestSupport {
    @Autowired
    MemberProgrammes programmes;

    @Autowired
    LoyaltyCards cards;

    @Autowired
    Materials materials;

    @Autowired
    TestClock clock;

    @Autowired
    ApiTokens tokens;

    @Autowired
    ApplicationContext context;

    @Autowired
    io.clientele.customer.CustomerMerge merges;

    private GreenMail smtp;
    private CampaignFixtures fixtures;

    @BeforeEach
    void setUp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        fixtures = new CampaignFixtures(jdbc, materials);
        // after the demo's launch of the programmes (at the fixed now): what happens here is new to them
        clock.advance(Duration.ofHours(1));
    }

    @AfterEach
    void tearDown() {
        smtp.stop();
        clock.reset();
    }

    private long customer(boolean consent, LocalDate birthDate) {
        String unique = UUID.randomUUID().toString();
        long id = jdbc.sql("""
                        insert into customer (first_name, last_name, email, birth_date, source)
                        values ('Member', :unique, :email, :birth, 'test') returning id""")
                .param("unique", unique)
                .param("email", unique + "@members.example")
                .param("birth", birthDate)
                .query(Long.class)
                .single();
        if (consent) {
            fixtures.consent(id, "EMAIL", true);
        }
        return id;
    }

    private long member(long customerId) {
        return cards.issue("T-" + customerId, customerId).accountId();
    }

    private long messages(ProgrammeKind kind, long customerId) {
        return jdbc.sql("select count(*) from member_message where programme = :kind and customer_id = :customer")
                .param("kind", kind.name())
                .param("customer", customerId)
                .query(Long.class)
                .single();
    }

    private long stepOf(ProgrammeKind kind, long customerId) {
        return jdbc.sql("select step_id from member_message where programme = :kind and customer_id = :customer")
                .param("kind", kind.name())
                .param("customer", customerId)
                .query(Long.class)
                .single();
    }

    private String email(long customerId) {
        return jdbc.sql("select email from customer where id = :id")
                .param("id", customerId)
                .query(String.class)
                .single();
    }

    /** The mails GreenMail received for the customer, as subject and text. */
    private List<String> mailsTo(long customerId) throws Exception {
        String address = email(customerId);
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().equals(address);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .map(m -> {
                    try {
                        // quoted-printable soft line breaks joined
                        return m.getSubject() + "\n" + GreenMailUtil.getBody(m).replaceAll("=\r?\n", "");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private void send(ProgrammeKind kind, long customerId) throws InterruptedException {
        new GreenMailSending(context, smtp).drain(stepOf(kind, customerId), "comms-" + UUID.randomUUID());
    }

    /** A movement of {@code points} on the member account (from or to a system account), as the ledger posts it. */
    private long move(long account, String cause, long points, Instant at, Instant expiresAt, Long lot) {
        long movement = jdbc.sql("""
                        insert into loyalty_movement (key, cause, at, expires_at, actor)
                        values (:key, :cause, :at, :expires, 'test') returning id""")
                .param("key", "test:" + UUID.randomUUID())
                .param("cause", cause)
                .param("at", Timestamp.from(at))
                .param("expires", expiresAt == null ? null : Timestamp.from(expiresAt))
                .query(Long.class)
                .single();
        long system = switch (cause) {
            case "REDEMPTION" -> 2;
            case "EXPIRY" -> 3;
            default -> 1;
        };
        jdbc.sql("""
                        insert into loyalty_entry (movement_id, account_id, lot_id, points)
                        values (:m, :account, :lot, :points), (:m, :system, null, -:points)""")
                .param("m", movement)
                .param("account", account)
                .param("lot", lot == null ? movement : lot)
                .param("points", points)
                .param("system", system)
                .update();
        jdbc.sql("update loyalty_account set balance = balance + :points where id = :account")
                .param("points", points)
                .param("account", account)
                .update();
        return movement;
    }

    @Test
    void aNewMemberIsWelcomedOnceWhateverRunsAgain() throws Exception {
        long customer = customer(true, null);
        member(customer);
        assertThat(messages(ProgrammeKind.WELCOME, customer)).isEqualTo(1);
        assertThat(programmes.trigger(ProgrammeKind.WELCOME, new Long[] {customer}))
                .isZero();
        send(ProgrammeKind.WELCOME, customer);
        // a retried event and the schedule find nothing new
        programmes.trigger(ProgrammeKind.WELCOME, new Long[] {customer});
        programmes.kinds().forEach(kind -> programmes.trigger(kind, new Long[0]));
        assertThat(messages(ProgrammeKind.WELCOME, customer)).isEqualTo(1);
        List<String> mails = mailsTo(customer);
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst())
                .startsWith("Welcome to Clientele Rewards, Member")
                .contains("T-" + customer);
    }

    @Test
    void aMergedMemberIsNotWelcomedAgain() {
        long survivor = customer(true, null);
        long merged = customer(true, null);
        member(survivor);
        member(merged);
        jdbc.sql("delete from member_message where customer_id = :c")
                .param("c", survivor)
                .update();
        merges.merge(survivor, merged, false);
        // the merged customer's welcome followed them: the survivor has one and gets no other
        assertThat(messages(ProgrammeKind.WELCOME, survivor)).isEqualTo(1);
        assertThat(programmes.trigger(ProgrammeKind.WELCOME, new Long[] {survivor}))
                .isZero();
    }

    @Test
    void theStatementCarriesTheMonthsFiguresAndWhatExpiresNext() throws Exception {
        long customer = customer(true, null);
        // joined without a welcome, so that the statement and the warning are the only messages the contact pressure
        // counts (a welcome too would be one more than it allows, whichever test class ran before)
        programmes.pause(ProgrammeKind.WELCOME, "manager");
        long account;
        try {
            account = member(customer);
        } finally {
            programmes.resume(ProgrammeKind.WELCOME, "manager");
        }
        LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate monthStart = today.withDayOfMonth(1).minusMonths(1);
        Instant start = monthStart.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant soon = clock.instant().plus(10, ChronoUnit.DAYS);
        long lotA = move(account, "EARN", 500, start.minus(20, ChronoUnit.DAYS), soon, null);
        move(account, "EARN", 300, start.plus(4, ChronoUnit.DAYS), start.plus(400, ChronoUnit.DAYS), null);
        move(account, "REDEMPTION", -100, start.plus(19, ChronoUnit.DAYS), null, lotA);
        move(account, "EXPIRY", -50, start.plus(24, ChronoUnit.DAYS), null, lotA);
        // after the month: not on its statement
        move(account, "EARN", 40, clock.instant().minus(1, ChronoUnit.HOURS), start.plus(500, ChronoUnit.DAYS), null);

        assertThat(programmes.trigger(ProgrammeKind.STATEMENT, new Long[0])).isGreaterThanOrEqualTo(1);
        assertThat(programmes.trigger(ProgrammeKind.STATEMENT, new Long[0])).isZero();
        var figures = jdbc.sql("""
                        select statement_month, opening, earned, redeemed, expired, closing, expiring_points,
                               expiring_on from member_message where programme = 'STATEMENT' and customer_id = :c""")
                .param("c", customer)
                .query((rs, n) -> List.of(
                        rs.getObject(1, LocalDate.class),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getObject(8, LocalDate.class)))
                .single();
        LocalDate expiresOn = soon.atZone(ZoneOffset.UTC).toLocalDate();
        assertThat(figures).containsExactly(monthStart, 500L, 300L, 100L, 50L, 650L, 350L, expiresOn);
        send(ProgrammeKind.STATEMENT, customer);
        List<String> mails = mailsTo(customer).stream()
                .filter(m -> m.startsWith("Your points statement"))
                .toList();
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst())
                .startsWith("Your points statement for " + monthStart.toString().substring(0, 7))
                .contains("Opening balance 500; earned 300; redeemed 100; expired 50; closing balance 650")
                .contains("350 points on " + expiresOn);

        // the lot expiring within the programme's 14 days: one warning, whatever runs again
        programmes.trigger(ProgrammeKind.EXPIRING, new Long[0]);
        programmes.trigger(ProgrammeKind.EXPIRING, new Long[0]);
        assertThat(messages(ProgrammeKind.EXPIRING, customer)).isEqualTo(1);
        send(ProgrammeKind.EXPIRING, customer);
        assertThat(mailsTo(customer).stream().filter(m -> m.startsWith("350 of your points expire on " + expiresOn)))
                .hasSize(1);
    }

    @Test
    void aTierChangeIsAnnouncedOnceAndAPausedProgrammeTriggersNothing() throws Exception {
        long customer = customer(true, null);
        long account = member(customer);
        programmes.pause(ProgrammeKind.TIER_CHANGE, "manager");
        try {
            jdbc.sql("""
                            insert into loyalty_tier_change (key, account_id, to_tier_id, at, direction, reason,
                                                             qualification, recorded_at, actor)
                            select 'test:' || :account, :account, t.id, :now, 'UP', 'TEST', 0, :now, 'test'
                            from loyalty_tier t where t.name = 'Gold'""")
                    .param("account", account)
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
            jdbc.sql(
                            "update loyalty_account set tier_id = (select id from loyalty_tier where name = 'Gold') where id = :a")
                    .param("a", account)
                    .update();
            assertThat(programmes.trigger(ProgrammeKind.TIER_CHANGE, new Long[0]))
                    .isZero();
            assertThat(messages(ProgrammeKind.TIER_CHANGE, customer)).isZero();
        } finally {
            programmes.resume(ProgrammeKind.TIER_CHANGE, "manager");
        }
        programmes.trigger(ProgrammeKind.TIER_CHANGE, new Long[0]);
        programmes.trigger(ProgrammeKind.TIER_CHANGE, new Long[0]);
        assertThat(messages(ProgrammeKind.TIER_CHANGE, customer)).isEqualTo(1);
        send(ProgrammeKind.TIER_CHANGE, customer);
        assertThat(mailsTo(customer).stream().filter(m -> m.startsWith("You are now Gold")))
                .hasSize(1);
    }

    @Test
    void aBirthdayBringsOneGreetingWithItsBonusPoints() throws Exception {
        LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
        long customer = customer(true, today.minusYears(30));
        long account = member(customer);
        programmes.trigger(ProgrammeKind.BIRTHDAY, new Long[0]);
        programmes.trigger(ProgrammeKind.BIRTHDAY, new Long[0]);
        assertThat(messages(ProgrammeKind.BIRTHDAY, customer)).isEqualTo(1);
        assertThat(jdbc.sql("""
                        select coalesce(sum(e.points), 0) from loyalty_entry e
                        join loyalty_movement m on m.id = e.movement_id
                        where e.account_id = :a and m.cause = 'BONUS'""").param("a", account).query(Long.class).single()).isEqualTo(200L);
        send(ProgrammeKind.BIRTHDAY, customer);
        assertThat(mailsTo(customer).stream()
                        .filter(m -> m.startsWith("Happy birthday, Member!")
                                && m.contains("We added 200 bonus points to your card: your balance is 200")))
                .hasSize(1);
        long before = programmes.get(ProgrammeKind.BIRTHDAY).results().redemptions();
        move(
                account,
                "REDEMPTION",
                -150,
                clock.instant().plus(2, ChronoUnit.DAYS),
                null,
                jdbc.sql("""
                        select e.lot_id from loyalty_entry e join loyalty_movement m on m.id = e.movement_id
                        where e.account_id = :a and m.cause = 'BONUS'""").param("a", account).query(Long.class).single());
        assertThat(programmes.get(ProgrammeKind.BIRTHDAY).results().redemptions())
                .isEqualTo(before + 1);
    }

    @Test
    void consentWithdrawnAndContactPressureLeaveMembersOutWithTheReason() throws Exception {
        long withoutConsent = customer(false, null);
        member(withoutConsent);
        long pressed = customer(true, null);
        // three contacts this week already: the policy's limit
        long campaign = fixtures.runningCampaign("Pressure " + UUID.randomUUID());
        for (int i = 0; i < 3; i++) {
            long step = fixtures.frozenStep(campaign, StepChannel.EMAIL, fixtures.emailMaterial(), null);
            jdbc.sql("""
                            insert into campaign_member (step_id, customer_id, campaign_id, member_group, address,
                                                         send_status, sent_at)
                            values (:step, :c, :campaign, 'TREATED', 'x@members.example', 'SENT', :at)""")
                    .param("step", step)
                    .param("c", pressed)
                    .param("campaign", campaign)
                    .param("at", Timestamp.from(clock.instant().minus(1, ChronoUnit.DAYS)))
                    .update();
        }
        member(pressed);
        assertThat(reason(withoutConsent)).isEqualTo("NO_CONSENT");
        assertThat(reason(pressed)).isEqualTo("CONTACT_PRESSURE");
        var after = programmes.get(ProgrammeKind.WELCOME).results();
        assertThat(after.noConsent()).isGreaterThanOrEqualTo(1);
        assertThat(after.contactPressure()).isGreaterThanOrEqualTo(1);
        send(ProgrammeKind.WELCOME, pressed);
        assertThat(mailsTo(withoutConsent)).isEmpty();
        assertThat(mailsTo(pressed)).isEmpty();
    }

    private String reason(long customer) {
        return jdbc.sql("""
                        select m.reason from campaign_member m join member_message mm
                          on mm.step_id = m.step_id and mm.customer_id = m.customer_id
                        where mm.programme = 'WELCOME' and mm.customer_id = :c""").param("c", customer).query(String.class).single();
    }

    @Test
    void badInputIsRefusedNamingTheField() throws Exception {
        String token = tokens.issue("comms-" + UUID.randomUUID(), Role.MARKETING_MANAGER.scopes(), "test")
                .secret();
        assertThat(put(token, "WELCOME", "{\"materialId\": \"999999999\"}"))
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(400))
                .satisfies(r -> assertThat(r.body()).contains("materialId"));
        assertThat(put(token, "EXPIRING", "{\"materialId\": \"1\", \"daysBefore\": \"-3\"}")
                        .body())
                .contains("daysBefore");
        assertThat(put(token, "WELCOME", "{\"materialId\": \"1\\u0000\"}"))
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(400))
                .satisfies(r -> assertThat(r.body()).contains("materialId"));
        assertThat(put(token, "NOSUCH", "{}"))
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(400))
                .satisfies(r -> assertThat(r.body()).contains("kind"));
        HttpResponse<String> list = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/api/v1/loyalty/communications"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"kind\":\"STATEMENT\"").contains("\"state\":\"ACTIVE\"");
    }

    private HttpResponse<String> put(String token, String kind, String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + port + "/api/v1/loyalty/communications/" + kind))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
