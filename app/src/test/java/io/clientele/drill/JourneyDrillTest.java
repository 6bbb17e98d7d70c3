package io.clientele.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.clientele.campaign.response.MessageIds;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Crash drill: a running journey — entry → email → hand to a group (a task each) → add a tag → exit — advancing
 * {@value #CUSTOMERS} customers in {@code ./clientele serve} (its ticker every second, batches of {@value #BATCH}),
 * whose entry positions fall due over four minutes, while the send workers send its email to GreenMail in this JVM.
 * The application and its PostgreSQL are killed with SIGKILL at random (seeded) moments while customers move, and
 * started again on the same data directory. Checked from the outside once everyone has left: every customer passed
 * each node exactly once (one path row per node), received the email at most once (no duplicate at the SMTP server;
 * no member SENT whose message did not arrive), got one task and one timeline entry for it, and one tag entry.
 *
 * <p>{@code -Ddrill.journey.kills} (default 6), {@code -Ddrill.seed}.
 */
class JourneyDrillTest {
    private static final int DEMO_CUSTOMERS = 10_000;
    private static final int CUSTOMERS = 8_000;
    private static final int BATCH = 250;
    private static final int SPREAD_SECONDS = 240;
    private static final Path WORK = Path.of("target/drills/journey");

    private final Map<String, Integer> received = new ConcurrentHashMap<>();
    private final AtomicInteger arrivals = new AtomicInteger();

    @Test
    void aJourneyKilledWithItsDatabaseMovesEachCustomerOnceAndSendsOnce() throws Exception {
        int kills = Integer.getInteger("drill.journey.kills", 6);
        long seed = Long.getLong("drill.seed", 20261209L);
        Random random = new Random(seed);
        SendDrillTest.deleteTree(WORK);
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        GreenMailUser sink = smtp.setUser("sink@drill.example", "sink", "sink");
        smtp.getUserManager().setMessageDeliveryHandler((message, recipient) -> {
            // a campaign member's message carries its id; the demo's form mail and service replies carry none and
            // are not members' messages (counted under one null key they read as a member received many times)
            String member = message.getMessage().getHeader(MessageIds.HEADER, null);
            if (member != null) {
                received.merge(member, 1, Integer::sum);
            }
            arrivals.incrementAndGet();
            return sink;
        });
        DrillReport report = new DrillReport("journey");
        report.line("### Journey drill")
                .line("")
                .line(
                        "%s. Seed %d; %,d customers entering with their entries due over %d s; tick every second,"
                                + " batches of %d; email batches of 200, claim timeout 5 s.",
                        DrillReport.machine(), seed, CUSTOMERS, SPREAD_SECONDS, BATCH)
                .line("")
                .line("| kill | killed after | moves at the kill | messages received at the kill | processes killed |")
                .line("|---:|---:|---:|---:|---:|");
        try {
            AppProcess app = serve(smtp, 0);
            AppProcess first = app;
            first.await("start", 600, first::running);
            long journey = setUp(app);
            int done = 0;
            for (int kill = 1; kill <= kills; kill++) {
                AppProcess current = app;
                long before = moves(current, journey);
                current.await("a move by this process", 300, () -> moves(current, journey) > before);
                long delay = random.nextInt(4_000);
                Thread.sleep(delay);
                long atKill = moves(current, journey);
                int mailed = arrivals.get();
                int killed = current.crash();
                done++;
                report.line("| %d | %,d ms | %,d | %,d | %d |", kill, delay, atKill, mailed, killed);
                report.save();
                AppProcess next = serve(smtp, kill);
                next.await("restart", 300, next::running);
                app = next;
                if (atKill >= 4L * CUSTOMERS) {
                    break;
                }
            }
            AppProcess last = app;
            last.await("every customer out", 900, () -> count(last, """
                            select count(*) from journey_position where campaign_id = %d and state = 'ACTIVE'""".formatted(journey)) == 0);
            last.await("the email sent", 600, () -> count(last, """
                            select count(*) from campaign_member m join campaign_step s on s.id = m.step_id
                            where s.campaign_id = %d and m.send_status in ('PENDING', 'SENDING')""".formatted(journey)) == 0);
            // what arrives after the last record has had its time
            Thread.sleep(2_000);
            Outcome outcome = outcome(last, journey);
            last.stop();
            report.line("")
                    .line(
                            "%d kills. Customers %,d; path rows %,d (%,d customer-node pairs passed more than once);"
                                    + " members SENT %,d, UNCERTAIN %,d, EXCLUDED %,d; messages received %,d for %,d"
                                    + " members: **duplicates %d**, **SENT but not received %d**; tasks %,d (customers"
                                    + " with more than one %d), task timeline entries %,d, tag timeline entries %,d.",
                            done,
                            outcome.customers,
                            outcome.pathRows,
                            outcome.passedTwice,
                            outcome.sent,
                            outcome.uncertain,
                            outcome.excluded,
                            received.values().stream()
                                    .mapToInt(Integer::intValue)
                                    .sum(),
                            received.size(),
                            outcome.duplicates,
                            outcome.lost,
                            outcome.tasks,
                            outcome.doubleTasks,
                            outcome.taskEntries,
                            outcome.tagEntries);
            report.save();
            report.print();
            assertThat(outcome.customers).isEqualTo(CUSTOMERS);
            assertThat(outcome.passedTwice)
                    .as("a customer passing a node twice")
                    .isZero();
            assertThat(outcome.pathRows).as("5 nodes each").isEqualTo(5L * CUSTOMERS);
            assertThat(outcome.duplicates)
                    .as("members who received the email twice")
                    .isZero();
            assertThat(outcome.lost).as("SENT but never received").isZero();
            assertThat(outcome.sent + outcome.uncertain + outcome.excluded)
                    .as("every customer admitted once")
                    .isEqualTo(CUSTOMERS);
            assertThat(outcome.tasks).isEqualTo(CUSTOMERS);
            assertThat(outcome.doubleTasks).isZero();
            assertThat(outcome.taskEntries).isEqualTo(CUSTOMERS);
            assertThat(outcome.tagEntries).isEqualTo(CUSTOMERS);
        } finally {
            smtp.stop();
        }
    }

    private AppProcess serve(GreenMail smtp, int incarnation) throws IOException {
        return AppProcess.start(
                "serve-" + incarnation,
                WORK.resolve("data"),
                WORK.resolve("logs"),
                List.of(
                        "-Xmx768m",
                        "-Dclientele.demo.customers=" + DEMO_CUSTOMERS,
                        "-Dspring.mail.host=127.0.0.1",
                        "-Dspring.mail.port=" + smtp.getSmtp().getPort(),
                        "-Dclientele.campaign.email-per-minute=12000",
                        "-Dclientele.campaign.batch-size=200",
                        "-Dclientele.campaign.claim-timeout-seconds=5",
                        "-Dclientele.journey.tick-millis=1000",
                        "-Dclientele.journey.batch-size=" + BATCH),
                List.of(
                        "serve",
                        "--port",
                        "0",
                        "--data-dir",
                        WORK.resolve("data").toString()),
                Map.of());
    }

    /**
     * A running journey as launching one leaves it (the campaign RUNNING, its email step open for admissions, its
     * submitted and approved version's nodes and edges), with {@value #CUSTOMERS} customers at its entry, each due at a
     * moment of the next {@value #SPREAD_SECONDS} seconds.
     */
    private static long setUp(AppProcess app) throws Exception {
        try (Connection connection = app.connect()) {
            long material = single(connection, """
                    with m as (
                        insert into material (kind, name, current_version, created_by, created_at, updated_by, updated_at)
                        values ('EMAIL', 'Journey drill', 1, 'drill', now(), 'drill', now()) returning id),
                    v as (
                        insert into material_version (material_id, version, subject, html_body, text_body, saved_by,
                                                      saved_at)
                        select id, 1, 'Hello {{first_name|friend}}',
                               '<p>Dear {{first_name|customer}}, <a href="https://shop.example.com/x">look</a></p>',
                               'Dear {{first_name|customer}}, https://shop.example.com/x', 'drill', now() from m)
                    select id from m""");
            long journey = single(connection, """
                    insert into campaign (name, kind, purpose, owner_username, status, created_by, created_at,
                                          updated_at, launched_at, launched_by)
                    values ('Journey drill', 'JOURNEY', 'CROSS_SELL', 'marketer', 'RUNNING', 'drill', now(), now(),
                            now(), 'drill')
                    returning id""");
            long step = single(connection, """
                    insert into campaign_step (campaign_id, position, name, channel, material_id, material_version,
                                               status, frozen_at, admits)
                    values (%d, 1, 'mail: Mail', 'EMAIL', %d, 1, 'FROZEN', now(), true) returning id""".formatted(journey, material));
            String graph = """
                    {"nodes": [
                      {"id": "in", "kind": "ENTRY", "config": {"trigger": "SEGMENT_AT_LAUNCH", "segmentId": 1}},
                      {"id": "mail", "kind": "SEND", "label": "Mail", "config": {"channel": "EMAIL", "materialId": %d}},
                      {"id": "presales", "kind": "ACTION", "label": "Presales group",
                       "config": {"action": "HAND_TO_GROUP", "users": ["agent", "sales"], "callList": false}},
                      {"id": "tag", "kind": "ACTION", "config": {"action": "ADD_TAG", "tag": "journey drill"}},
                      {"id": "end", "kind": "EXIT"}],
                     "edges": [{"from": "in", "to": "mail"}, {"from": "mail", "to": "presales"},
                               {"from": "presales", "to": "tag"}, {"from": "tag", "to": "end"}]}""".formatted(material);
            execute(connection, """
                    insert into journey_version (campaign_id, version, graph, saved_by, saved_at, submitted_at,
                                                 submitted_by, approved_at, approved_by)
                    values (%d, 1, '%s'::jsonb, 'drill', now(), now(), 'drill', now(), 'drill')""".formatted(journey, graph.replace("'", "''")));
            execute(connection, """
                    insert into journey_node (campaign_id, version, node_id, kind, config, step_id)
                    values (%1$d, 1, 'in', 'ENTRY', '{}', null), (%1$d, 1, 'mail', 'SEND', '{}', %2$d),
                           (%1$d, 1, 'presales', 'ACTION', '{}', null), (%1$d, 1, 'tag', 'ACTION', '{}', null),
                           (%1$d, 1, 'end', 'EXIT', '{}', null)""".formatted(journey, step));
            execute(connection, """
                    insert into journey_edge (campaign_id, version, from_node, to_node)
                    values (%1$d, 1, 'in', 'mail'), (%1$d, 1, 'mail', 'presales'), (%1$d, 1, 'presales', 'tag'),
                           (%1$d, 1, 'tag', 'end')""".formatted(journey));
            execute(connection, """
                    create temp table drill_customers as
                    select id from customer where email is not null and source = 'demo' order by id limit %d""".formatted(CUSTOMERS));
            execute(connection, """
                    insert into customer_consent (customer_id, channel, granted, source, recorded_at)
                    select id, 'EMAIL', true, 'drill', now() from drill_customers
                    on conflict (customer_id, channel) do update set granted = true""");
            execute(connection, """
                    with entered as (
                        insert into journey_position (campaign_id, customer_id, entry, version, node_id, entered_at,
                                                      arrived_at, due_at, reason)
                        select %1$d, id, 1, 1, 'in', now(), now(),
                               now() + (abs(hashint8(id)) %% %2$d) * interval '1 second', 'in segment at launch'
                        from drill_customers
                        returning customer_id)
                    insert into journey_path (campaign_id, customer_id, entry, seq, node_id, at)
                    select %1$d, customer_id, 1, 0, 'in', now() from entered""".formatted(journey, SPREAD_SECONDS));
            assertThat(single(connection, "select count(*) from drill_customers"))
                    .isEqualTo(CUSTOMERS);
            return journey;
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (var rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The moves made so far (path rows beyond the entry's); -1 while the database does not answer. */
    private static long moves(AppProcess app, long journey) {
        return count(app, "select count(*) from journey_path where seq > 0 and campaign_id = " + journey);
    }

    private static long count(AppProcess app, String sql) {
        try (Connection connection = app.connect()) {
            return single(connection, sql);
        } catch (IOException | SQLException e) {
            return -1;
        }
    }

    private record Outcome(
            long customers,
            long pathRows,
            long passedTwice,
            long sent,
            long uncertain,
            long excluded,
            long duplicates,
            long lost,
            long tasks,
            long doubleTasks,
            long taskEntries,
            long tagEntries) {}

    private Outcome outcome(AppProcess app, long journey) throws Exception {
        try (Connection connection = app.connect()) {
            List<String> sentMembers = new ArrayList<>();
            try (var rows = connection.createStatement().executeQuery("""
                            select m.step_id || '.' || m.customer_id from campaign_member m
                            join campaign_step s on s.id = m.step_id
                            where s.campaign_id = %d and m.send_status = 'SENT'""".formatted(journey))) {
                while (rows.next()) {
                    sentMembers.add(rows.getString(1));
                }
            }
            String members = """
                    select count(*) from campaign_member m join campaign_step s on s.id = m.step_id
                    where s.campaign_id = %d and """.formatted(journey);
            return new Outcome(
                    single(connection, "select count(*) from journey_position where campaign_id = " + journey),
                    single(connection, "select count(*) from journey_path where campaign_id = " + journey),
                    single(connection, """
                            select count(*) from (select 1 from journey_path where campaign_id = %d
                                                  group by customer_id, entry, node_id having count(*) > 1) twice""".formatted(journey)),
                    sentMembers.size(),
                    single(connection, members + " m.send_status = 'UNCERTAIN'"),
                    single(connection, members + " m.member_group = 'EXCLUDED'"),
                    received.values().stream().filter(n -> n > 1).count(),
                    sentMembers.stream().filter(m -> !received.containsKey(m)).count(),
                    single(connection, "select count(*) from task where campaign_id = " + journey),
                    single(connection, """
                            select count(*) from (select 1 from task where campaign_id = %d
                                                  group by customer_id having count(*) > 1) twice""".formatted(journey)),
                    single(connection, """
                            select count(*) from interaction where kind = 'TASK_CREATED'
                              and details ->> 'campaignId' = '%d'""".formatted(journey)),
                    single(connection, """
                            select count(*) from interaction i where i.kind = 'TAG_ADDED'
                              and i.customer_id in (select customer_id from journey_position where campaign_id = %d)
                              and i.summary like '%%journey drill%%'""".formatted(journey)));
        }
    }
}
