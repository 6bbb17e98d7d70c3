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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Crash drill: a campaign step sent over SMTP to GreenMail (in this JVM) by {@code ./clientele serve} (a child process
 * with its own embedded PostgreSQL), whose process group and PostgreSQL are killed with SIGKILL at random (seeded)
 * moments while it sends, and started again on the same data directory each time. Checked from the outside, at the
 * SMTP server and in the database once the step is done: no member received the message twice, no member is SENT
 * whose message did not arrive, every member is SENT or UNCERTAIN, and each kill left at most one claimed batch
 * UNCERTAIN, of which at most one recording interval arrived.
 *
 * <p>{@code -Ddrill.send.kills} (default 12), {@code -Ddrill.seed}, {@code -Ddrill.durability=fast} (reports what
 * the fast switch does and asserts nothing about it).
 */
class SendDrillTest {
    private static final int DEMO_CUSTOMERS = 18_000;
    private static final int MEMBERS = 16_000;
    private static final int PER_MINUTE = 11_000;
    private static final int BATCH = 500;
    private static final int RECORD_EVERY = 50;
    private static final Path WORK = Path.of("target/drills/send");

    private final Map<String, Integer> received = new ConcurrentHashMap<>();
    private final AtomicInteger arrivals = new AtomicInteger();

    @Test
    void aSendKilledWithItsDatabaseNeverSendsTwiceNorClaimsWhatDidNotArrive() throws Exception {
        int kills = Integer.getInteger("drill.send.kills", 12);
        long seed = Long.getLong("drill.seed", 20261207L);
        String durability = System.getProperty("drill.durability", "durable");
        Random random = new Random(seed);
        SendDrillTest.deleteTree(WORK);

        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        // one mailbox for every recipient (GreenMail's per-recipient boxes are a linear search), and every arrival
        // counted by its X-Clientele-Message reference as it is accepted
        GreenMailUser sink = smtp.setUser("sink@drill.example", "sink", "sink");
        smtp.getUserManager().setMessageDeliveryHandler((message, recipient) -> {
            String reference = message.getMessage().getHeader(MessageIds.HEADER, null);
            received.merge(String.valueOf(reference), 1, Integer::sum);
            arrivals.incrementAndGet();
            return sink;
        });
        DrillReport report = new DrillReport("send-" + durability);
        report.line("### Send drill (%s)", durability)
                .line("")
                .line(
                        "%s. Seed %d, %d kills; %,d treated members, %,d a minute, batch %d, recorded every %d, 4 SMTP"
                                + " connections; claim timeout 5 s.",
                        DrillReport.machine(), seed, kills, MEMBERS, PER_MINUTE, BATCH, RECORD_EVERY)
                .line("")
                .line("| kill | process | killed after | messages received at the kill | processes killed |")
                .line("|---:|---:|---:|---:|---:|");
        try {
            List<Long> pids = new ArrayList<>();
            AppProcess app = serve(smtp, durability, 0);
            AppProcess first = app;
            first.await("start", 300, first::running);
            long step = setUp(app);
            for (int kill = 1; kill <= kills; kill++) {
                int before = arrivals.get();
                app.await("a message sent by this process", 180, () -> arrivals.get() > before);
                long delay = random.nextInt(8_000);
                Thread.sleep(delay);
                pids.add(app.pid());
                int atKill = arrivals.get();
                int killed = app.crash();
                report.line("| %d | %d | %,d ms | %,d | %d |", kill, app.pid(), delay, atKill, killed);
                report.save();
                assertThat(atKill)
                        .as("members left to send after kill %d", kill)
                        .isLessThan(MEMBERS);
                AppProcess next = serve(smtp, durability, kill);
                next.await("restart", 300, next::running);
                app = next;
            }
            AppProcess last = app;
            last.await("the step sent", 600, () -> stepStatus(last, step).equals("SENT"));
            Outcome outcome = outcome(last, step, pids);
            last.stop();
            outcome.report(report, kills);
            report.save();
            report.print();
            if (durability.equals("durable")) {
                outcome.check(kills);
            }
        } finally {
            smtp.stop();
        }
    }

    private AppProcess serve(GreenMail smtp, String durability, int incarnation) throws IOException {
        return AppProcess.start(
                "serve-" + incarnation,
                WORK.resolve("data"),
                WORK.resolve("logs"),
                List.of(
                        "-Xmx768m",
                        "-Dclientele.demo.customers=" + DEMO_CUSTOMERS,
                        "-Dspring.mail.host=127.0.0.1",
                        "-Dspring.mail.port=" + smtp.getSmtp().getPort(),
                        "-Dclientele.campaign.email-per-minute=" + PER_MINUTE,
                        "-Dclientele.campaign.batch-size=" + BATCH,
                        "-Dclientele.campaign.send.record-every=" + RECORD_EVERY,
                        "-Dclientele.campaign.claim-timeout-seconds=5"),
                List.of(
                        "serve",
                        "--port",
                        "0",
                        "--data-dir",
                        WORK.resolve("data").toString()),
                Map.of("CLIENTELE_DB_DURABILITY", durability));
    }

    /** A running campaign with one frozen email step of MEMBERS demo customers, pending. */
    private static long setUp(AppProcess app) throws Exception {
        try (Connection connection = app.connect()) {
            long material = single(connection, """
                    with m as (
                        insert into material (kind, name, current_version, created_by, created_at, updated_by, updated_at)
                        values ('EMAIL', 'Drill', 1, 'drill', now(), 'drill', now()) returning id),
                    v as (
                        insert into material_version (material_id, version, subject, html_body, text_body, saved_by,
                                                      saved_at)
                        select id, 1, 'Hello {{first_name|friend}}',
                               '<p>Dear {{first_name|customer}}, <a href="https://shop.example.com/x">look</a></p>',
                               'Dear {{first_name|customer}}, https://shop.example.com/x', 'drill', now() from m)
                    select id from m""");
            long campaign = single(connection, """
                    insert into campaign (name, purpose, owner_username, status, created_by, created_at, updated_at,
                                          launched_at, launched_by)
                    values ('Drill', 'WIN_BACK', 'marketer', 'RUNNING', 'drill', now(), now(), now(), 'drill')
                    returning id""");
            long step = single(connection, """
                    insert into campaign_step (campaign_id, position, name, channel, material_id, material_version,
                                               status, frozen_at)
                    values (%d, 1, 'email', 'EMAIL', %d, 1, 'FROZEN', now()) returning id""".formatted(campaign, material));
            long members = single(connection, """
                    with m as (
                        insert into campaign_member (step_id, customer_id, campaign_id, member_group, address,
                                                     send_status)
                        select %d, id, %d, 'TREATED', email, 'PENDING' from customer
                        where email is not null order by id limit %d
                        returning 1)
                    select count(*) from m""".formatted(step, campaign, MEMBERS));
            assertThat(members).as("demo customers with an email address").isEqualTo(MEMBERS);
            return step;
        }
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (var rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String stepStatus(AppProcess app, long step) {
        try (Connection connection = app.connect();
                var rows = connection
                        .createStatement()
                        .executeQuery("select status from campaign_step where id = " + step)) {
            rows.next();
            return rows.getString(1);
        } catch (IOException | SQLException e) {
            return "unknown";
        }
    }

    /** What the database says of each member, set against what arrived. */
    private Outcome outcome(AppProcess app, long step, List<Long> killedPids) throws Exception {
        Map<String, String> status = new HashMap<>();
        Map<String, String> claimedBy = new HashMap<>();
        try (Connection connection = app.connect();
                var rows = connection
                        .createStatement()
                        .executeQuery("select step_id || '.' || customer_id, send_status, claimed_by"
                                + " from campaign_member where step_id = " + step)) {
            while (rows.next()) {
                status.put(rows.getString(1), rows.getString(2));
                claimedBy.put(rows.getString(1), rows.getString(3));
            }
        }
        return new Outcome(status, claimedBy, Map.copyOf(received), killedPids);
    }

    private record Outcome(
            Map<String, String> status,
            Map<String, String> claimedBy,
            Map<String, Integer> received,
            List<Long> killedPids) {

        long count(String state) {
            return status.values().stream().filter(state::equals).count();
        }

        long duplicates() {
            return received.values().stream().filter(n -> n > 1).count();
        }

        /** SENT members whose message never arrived. */
        Set<String> sentNotReceived() {
            Set<String> lost = new HashSet<>();
            status.forEach((member, state) -> {
                if (state.equals("SENT") && !received.containsKey(member)) {
                    lost.add(member);
                }
            });
            return lost;
        }

        /** Members whose message arrived though they are neither SENT nor UNCERTAIN. */
        Set<String> arrivedUnaccounted() {
            Set<String> odd = new HashSet<>();
            received.keySet().forEach(member -> {
                String state = status.get(member);
                if (!"SENT".equals(state) && !"UNCERTAIN".equals(state)) {
                    odd.add(member);
                }
            });
            return odd;
        }

        /** Per killed process (in kill order): its UNCERTAIN members, and how many of those arrived. */
        Map<Long, long[]> uncertainPerKill() {
            Map<Long, long[]> perPid = new LinkedHashMap<>();
            killedPids.forEach(pid -> perPid.put(pid, new long[2]));
            status.forEach((member, state) -> {
                if (state.equals("UNCERTAIN")) {
                    long pid = pidOf(claimedBy.get(member));
                    long[] counts = perPid.computeIfAbsent(pid, p -> new long[2]);
                    counts[0]++;
                    counts[1] += received.containsKey(member) ? 1 : 0;
                }
            });
            return perPid;
        }

        private static long pidOf(String worker) {
            String[] parts = worker.split(":");
            return Long.parseLong(parts[parts.length - 2]);
        }

        void report(DrillReport report, int kills) {
            report.line("")
                    .line("| kill | process | uncertain (claimed, never recorded) | of which arrived |")
                    .line("|---:|---:|---:|---:|");
            int kill = 0;
            for (Map.Entry<Long, long[]> entry : uncertainPerKill().entrySet()) {
                kill++;
                report.line(
                        "| %s | %d | %d | %d |",
                        kill <= kills ? String.valueOf(kill) : "not killed",
                        entry.getKey(),
                        entry.getValue()[0],
                        entry.getValue()[1]);
            }
            long arrivedTotal =
                    received.values().stream().mapToLong(Integer::longValue).sum();
            report.line("")
                    .line(
                            "Members %,d: SENT %,d, UNCERTAIN %,d, other %,d. Messages received %,d for %,d members:"
                                    + " **duplicates %d**, **SENT but not received %d**, received but neither SENT nor"
                                    + " UNCERTAIN %d.",
                            status.size(),
                            count("SENT"),
                            count("UNCERTAIN"),
                            status.size() - count("SENT") - count("UNCERTAIN"),
                            arrivedTotal,
                            received.size(),
                            duplicates(),
                            sentNotReceived().size(),
                            arrivedUnaccounted().size());
        }

        void check(int kills) {
            assertThat(duplicates())
                    .as("members who received the message twice")
                    .isZero();
            assertThat(sentNotReceived()).as("SENT but never received").isEmpty();
            assertThat(arrivedUnaccounted())
                    .as("received, yet neither SENT nor UNCERTAIN")
                    .isEmpty();
            assertThat(count("SENT") + count("UNCERTAIN"))
                    .as("every member SENT or UNCERTAIN")
                    .isEqualTo(status.size());
            Map<Long, long[]> perKill = uncertainPerKill();
            assertThat(perKill)
                    .as("only killed processes leave members UNCERTAIN")
                    .hasSize(kills);
            perKill.forEach((pid, counts) -> {
                assertThat(counts[0])
                        .as("uncertain of process %d: at most a batch", pid)
                        .isLessThanOrEqualTo(BATCH);
                assertThat(counts[1])
                        .as("arrived unrecorded of process %d: at most a recording interval", pid)
                        .isLessThanOrEqualTo(RECORD_EVERY);
            });
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (var paths = java.nio.file.Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(path);
            }
        }
    }
}
