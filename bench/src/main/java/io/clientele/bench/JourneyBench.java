package io.clientele.bench;

import io.clientele.campaign.CampaignInput;
import io.clientele.campaign.Campaigns;
import io.clientele.campaign.ResponseKind;
import io.clientele.campaign.StepAdmissions;
import io.clientele.campaign.audience.Launches;
import io.clientele.campaign.material.MaterialInput;
import io.clientele.campaign.material.Materials;
import io.clientele.campaign.response.CampaignResponses;
import io.clientele.customer.CustomerTags;
import io.clientele.identity.Role;
import io.clientele.identity.UserAccounts;
import io.clientele.journey.JourneyEngine;
import io.clientele.journey.JourneyGraph;
import io.clientele.journey.Journeys;
import io.clientele.platform.CommandContext;
import io.clientele.segment.ConditionJson;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SavedSegment;
import io.clientele.segment.SavedSegments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Journeys (issue 21): N customers enter a journey at its launch (a segment of everyone), pass its send (admitted to
 * the email step) and wait at a decision "clicked within 3 days?"; one in ten click within the hour (planted), and
 * those move to a tag and the exit at the next tick; a single response recorded later moves its customer at the tick
 * after; the rest leave by "no" at the time limit. Each phase is the engine's own {@link JourneyEngine#advance} at a
 * chosen time, as the ticker calls it. Side by side, the per-customer loop: the same journey's moves for a sample of
 * customers, one customer per transaction (insert the position; carry it to the decision, admitting it to the step;
 * then check each waiting customer's response and move it), extrapolated linearly to N. A fresh database of its own
 * (default /tmp/clientele-bench/journey/db).
 */
final class JourneyBench {
    private static final String LINK = "https://shop.example.com/trial/accept";
    private static final String TAG = "journey-bench-clicked";
    private static final long TICK_MILLIS = 10_000;

    private JourneyBench() {}

    static void run(Options options) throws Exception {
        int customers = (int) options.number("customers", 1_000_000);
        int sample = (int) Math.min(customers, options.number("naive", 5_000));
        Path work = options.path("work", "/tmp/clientele-bench/journey");
        BenchData.deleteTree(work.resolve("db"));
        Files.createDirectories(work);
        try (ConfigurableApplicationContext context = CommandContext.start(work.resolve("db"))) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            String machine = Machine.describe(context.getBean(javax.sql.DataSource.class))
                    + ", load average at the start " + CpuClock.load();
            System.err.println("machine: " + machine);
            JourneyEngine engine = context.getBean(JourneyEngine.class);
            long started = System.nanoTime();
            BenchData.customers(jdbc, customers);
            // nine in ten agreed to email (the rest are admitted to the step as excluded, and move on all the same)
            jdbc.sql("""
                            insert into customer_consent (customer_id, channel, granted, source, recorded_at)
                            select id, 'EMAIL', true, 'bench', now() from customer where id % 10 <> 9""").update();
            jdbc.sql("vacuum analyze").update();
            UserAccounts accounts = context.getBean(UserAccounts.class);
            accounts.create("marketer", "Bench marketer", Role.MARKETER, "bench-password");
            accounts.create("manager", "Bench manager", Role.MARKETING_MANAGER, "bench-password");
            long material = material(context.getBean(Materials.class));
            long everyone = segment(context, "Journey bench: everyone", "Nowhere");
            long nobody = segment(context, "Journey bench: nobody", "Eastwick\", \"Middleton\", \"Harrowgate");
            long journey = approved(context, "Journey benchmark", graph(everyone, material));
            long naiveJourney = approved(context, "Journey benchmark: per-customer loop", graph(nobody, material));
            System.err.printf(
                    "data: %,d customers, two approved journeys in %,d ms%n",
                    customers, (System.nanoTime() - started) / 1_000_000);

            Launches launches = context.getBean(Launches.class);
            Path pid = work.resolve("db/pg/postmaster.pid");
            long launchCpu = CpuClock.millis(pid);
            long launch = millis(() -> launches.launch(journey, "marketer"));
            launchCpu = CpuClock.millis(pid) - launchCpu;
            Instant t0 = jdbc.sql("select launched_at from campaign where id = :id")
                    .param("id", journey)
                    .query(Timestamp.class)
                    .single()
                    .toInstant();
            long entered = jdbc.sql("select count(*) from journey_position where campaign_id = :id")
                    .param("id", journey)
                    .query(Long.class)
                    .single();
            System.err.printf("launch: %,d entered in %,d ms (CPU %,d ms)%n", entered, launch, launchCpu);
            Phase toDecision = phase(engine, journey, t0, pid);
            long step = step(jdbc, journey);
            long waiting = at(jdbc, journey, "clicked");
            System.err.printf("tick at launch: %s; %,d wait at the decision%n", toDecision, waiting);
            int clicked = plantClicks(jdbc, step, journey, t0.plus(Duration.ofMinutes(30)));
            jdbc.sql("analyze campaign_response").update();
            Phase clicks = phase(engine, journey, t0.plus(Duration.ofHours(1)), pid);
            long tagged = jdbc.sql("select count(*) from customer_tag where tag = :tag")
                    .param("tag", TAG)
                    .query(Long.class)
                    .single();
            System.err.printf("tick after %,d clicks: %s; %,d tagged%n", clicked, clicks, tagged);

            // a treated member (a control member's response is not recorded) still waiting at the decision
            long one = jdbc.sql("""
                            select p.customer_id from journey_position p
                            join campaign_member m on m.step_id = :step and m.customer_id = p.customer_id
                            where p.campaign_id = :id and p.node_id = 'clicked' and m.member_group = 'TREATED'
                            order by p.customer_id desc limit 1""")
                    .param("id", journey)
                    .param("step", step)
                    .query(Long.class)
                    .single();
            Instant respondedAt = t0.plus(Duration.ofHours(2));
            boolean recorded = context.getBean(CampaignResponses.class)
                    .record(new CampaignResponses.Response(
                            step, one, ResponseKind.CLICKED, respondedAt, LINK, null, null));
            if (!recorded) {
                throw new IllegalStateException("the response of customer " + one + " was not recorded");
            }
            Phase response = phase(engine, journey, respondedAt.plusSeconds(1), pid);
            String oneAt = jdbc.sql("select node_id from journey_position where campaign_id = :id and customer_id = :c")
                    .param("id", journey)
                    .param("c", one)
                    .query(String.class)
                    .single();
            System.err.printf("tick after one response: %s; the responder is at %s%n", response, oneAt);

            Phase timeLimit = phase(engine, journey, t0.plus(Duration.ofDays(3)).plus(Duration.ofHours(1)), pid);
            String ends = ends(jdbc, journey);
            System.err.printf("tick at the time limit: %s; %s%n", timeLimit, ends);

            Naive naive = naive(context, naiveJourney, sample, t0);
            System.err.printf("per-customer loop: %s%n", naive);
            System.out.println(report(
                    machine + ", at the end " + CpuClock.load(),
                    customers,
                    entered,
                    launch,
                    launchCpu,
                    toDecision,
                    waiting,
                    clicked,
                    clicks,
                    tagged,
                    response,
                    oneAt,
                    timeLimit,
                    ends,
                    naive));
        }
    }

    /**
     * A tick's wall time, the CPU time of this JVM and the database server meanwhile (on a shared machine, what the
     * tick itself cost), and the moves it made (path rows).
     */
    record Phase(long millis, long cpuMillis, int moves) {
        @Override
        public String toString() {
            return "%,d moves in %,d ms (CPU %,d ms)".formatted(moves, millis, cpuMillis);
        }
    }

    private static Phase phase(JourneyEngine engine, long journey, Instant at, Path pid) throws Exception {
        long cpu = CpuClock.millis(pid);
        long t0 = System.nanoTime();
        int moves = engine.advance(journey, at);
        return new Phase((System.nanoTime() - t0) / 1_000_000, CpuClock.millis(pid) - cpu, moves);
    }

    private static long millis(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static long material(Materials materials) {
        return materials
                .create(
                        new MaterialInput(
                                "EMAIL",
                                "Journey bench: invitation",
                                "{{first_name|Hello}}, try our beans",
                                "<p>Dear {{first_name|customer}},</p><p><a href=\"" + LINK + "\">Yes, please</a></p>",
                                "Dear {{first_name|customer}}: " + LINK,
                                null,
                                null),
                        "bench")
                .id();
    }

    /** A dynamic segment of the customers outside the given cities (the JSON list's inside). */
    private static long segment(ConfigurableApplicationContext context, String name, String cities) {
        return context.getBean(SavedSegments.class)
                .create(new SavedSegments.Draft(
                        name,
                        null,
                        SavedSegment.Kind.DYNAMIC,
                        ConditionJson.parse(
                                "{\"not\": {\"field\": \"city\", \"op\": \"in\", \"values\": [\"" + cities + "\"]}}",
                                context.getBean(FieldRegistry.class))))
                .segment()
                .id();
    }

    /** Entry → invitation email → "clicked the link within 3 days?" → yes: tag → exit; no: exit. */
    private static String graph(long segment, long material) {
        return """
                {"nodes": [
                  {"id": "in", "kind": "ENTRY", "label": "Everyone", "x": 40, "y": 100,
                   "config": {"trigger": "SEGMENT_AT_LAUNCH", "segmentId": %d}},
                  {"id": "invite", "kind": "SEND", "label": "Invitation", "x": 200, "y": 100,
                   "config": {"channel": "EMAIL", "materialId": %d}},
                  {"id": "clicked", "kind": "DECISION", "label": "Clicked within 3 days?", "x": 360, "y": 100,
                   "config": {"send": "invite", "on": "CLICKED", "link": "%s", "within": "P3D"}},
                  {"id": "tag", "kind": "ACTION", "label": "Tag", "x": 520, "y": 40,
                   "config": {"action": "ADD_TAG", "tag": "%s"}},
                  {"id": "end", "kind": "EXIT", "label": "End", "x": 680, "y": 100}],
                 "edges": [
                  {"from": "in", "to": "invite"}, {"from": "invite", "to": "clicked"},
                  {"from": "clicked", "to": "tag", "branch": "yes"}, {"from": "clicked", "to": "end", "branch": "no"},
                  {"from": "tag", "to": "end"}]}""".formatted(segment, material, LINK, TAG);
    }

    /** Created by a marketer, submitted, approved by the manager: ready to launch, as through the pages. */
    private static long approved(ConfigurableApplicationContext context, String name, String graph) {
        long journey = context.getBean(Journeys.class)
                .create(
                        new CampaignInput(
                                name, "RETENTION", null, "bench", "marketer", null, null, null, null, List.of()),
                        JourneyGraph.parse(graph),
                        "marketer")
                .campaign()
                .id();
        Campaigns campaigns = context.getBean(Campaigns.class);
        campaigns.submit(journey, "marketer");
        campaigns.approve(journey, "manager", "bench");
        return journey;
    }

    private static long step(JdbcClient jdbc, long journey) {
        return jdbc.sql("select step_id from journey_node where campaign_id = :id and node_id = 'invite'")
                .param("id", journey)
                .query(Long.class)
                .single();
    }

    /** One in ten of the step's members clicked the link at {@code at}. */
    private static int plantClicks(JdbcClient jdbc, long step, long journey, Instant at) {
        return jdbc.sql("""
                        insert into campaign_response (step_id, customer_id, campaign_id, kind, at, detail)
                        select step_id, customer_id, :journey, 'CLICKED', :at, :link from campaign_member
                        where step_id = :step and customer_id % 10 = 0""")
                .param("step", step)
                .param("journey", journey)
                .param("at", Timestamp.from(at))
                .param("link", LINK)
                .update();
    }

    private static long at(JdbcClient jdbc, long journey, String node) {
        return jdbc.sql("select count(*) from journey_position where campaign_id = :id and node_id = :node")
                .param("id", journey)
                .param("node", node)
                .query(Long.class)
                .single();
    }

    /** Where everyone ended and by which branch, and the path's size against one row per move. */
    private static String ends(JdbcClient jdbc, long journey) {
        return jdbc.sql("""
                        select format('%s at %s (%s); %s path rows for %s moves',
                                      string_agg(n || ' ' || state, ', '), string_agg(distinct node_id, ','),
                                      string_agg(distinct reason, ', '),
                                      (select count(*) from journey_path where campaign_id = :id),
                                      (select sum(seq + 1) from journey_position where campaign_id = :id))
                        from (select node_id, state, reason, count(*) as n from journey_position
                              where campaign_id = :id group by node_id, state, reason) s""").param("id", journey).query(String.class).single();
    }

    /** The per-customer loop's three phases on its sample, and what it costs per customer. */
    record Naive(int customers, long enterMillis, long toDecisionMillis, long clicksMillis, long timeLimitMillis) {
        long total() {
            return enterMillis + toDecisionMillis + clicksMillis + timeLimitMillis;
        }

        /** Linear in the customers: every customer costs its own transactions, and nothing is shared. */
        long extrapolated(long n) {
            return Math.round(total() * (double) n / customers);
        }

        @Override
        public String toString() {
            return "%,d customers: entered in %,d ms, to the decision in %,d ms, clicks in %,d ms, time limit in %,d ms"
                    .formatted(customers, enterMillis, toDecisionMillis, clicksMillis, timeLimitMillis);
        }
    }

    /**
     * The same moves one customer per transaction on the second journey (launched with nobody): each of the first
     * {@code sample} customers is entered (position and path row), then carried from the entry through the send
     * (admitted to the step alone) to the decision; the planted one in ten click; every waiting customer is checked
     * for a click and those who did are tagged and leave; at the time limit the rest leave by "no".
     */
    private static Naive naive(ConfigurableApplicationContext context, long journey, int sample, Instant t0) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        TransactionTemplate tx = context.getBean(TransactionTemplate.class);
        StepAdmissions admissions = context.getBean(StepAdmissions.class);
        CustomerTags tags = context.getBean(CustomerTags.class);
        context.getBean(Launches.class).launch(journey, "marketer");
        long step = step(jdbc, journey);
        List<Long> ids = jdbc.sql("select id from customer order by id limit :n")
                .param("n", sample)
                .query(Long.class)
                .list();
        Timestamp now = Timestamp.from(t0);
        long enter = millis(() -> ids.forEach(id -> tx.executeWithoutResult(s -> {
            jdbc.sql("""
                            insert into journey_position (campaign_id, customer_id, entry, version, node_id,
                                                          entered_at, arrived_at, due_at, reason)
                            values (:journey, :customer, 1, 1, 'in', :now, :now, :now, 'in segment at launch')""")
                    .param("journey", journey)
                    .param("customer", id)
                    .param("now", now)
                    .update();
            pathRow(jdbc, journey, id, 0, "in", null, null, now);
        })));
        Timestamp limit = Timestamp.from(t0.plus(Duration.ofDays(3)));
        long toDecision = millis(() -> ids.forEach(id -> tx.executeWithoutResult(s -> {
            lock(jdbc, journey, id);
            move(jdbc, journey, id, 0, "in", "invite", null, now, now);
            admissions.admit(step, new long[] {id});
            move(jdbc, journey, id, 1, "invite", "clicked", null, now, limit);
        })));
        plantClicks(jdbc, step, journey, t0.plus(Duration.ofMinutes(30)));
        Timestamp hour = Timestamp.from(t0.plus(Duration.ofHours(1)));
        long clicks = millis(() -> ids.forEach(id -> tx.executeWithoutResult(s -> {
            if (!"clicked".equals(lock(jdbc, journey, id))) {
                return;
            }
            boolean yes = jdbc.sql("""
                            select exists (select 1 from campaign_response r
                                           where r.step_id = :step and r.customer_id = :customer
                                             and r.kind = 'CLICKED' and r.detail = :link and r.at >= :entered)""")
                    .param("step", step)
                    .param("customer", id)
                    .param("link", LINK)
                    .param("entered", now)
                    .query(Boolean.class)
                    .single();
            if (yes) {
                move(jdbc, journey, id, 2, "clicked", "tag", "yes", hour, hour);
                tags.addToAll(new long[] {id}, TAG + "-naive");
                move(jdbc, journey, id, 3, "tag", "end", null, hour, hour);
            }
        })));
        Timestamp late = Timestamp.from(t0.plus(Duration.ofDays(3)).plus(Duration.ofHours(1)));
        long timeLimit = millis(() -> ids.forEach(id -> tx.executeWithoutResult(s -> {
            if ("clicked".equals(lock(jdbc, journey, id))) {
                move(jdbc, journey, id, 2, "clicked", "end", "no", late, late);
            }
        })));
        long left = at(jdbc, journey, "end");
        if (left != sample) {
            throw new IllegalStateException("the per-customer loop left " + left + " of " + sample + " at the exit");
        }
        return new Naive(sample, enter, toDecision, clicks, timeLimit);
    }

    private static String lock(JdbcClient jdbc, long journey, long customer) {
        return jdbc.sql("""
                        select node_id from journey_position
                        where campaign_id = :journey and customer_id = :customer and entry = 1 for update""")
                .param("journey", journey)
                .param("customer", customer)
                .query(String.class)
                .single();
    }

    private static void move(
            JdbcClient jdbc,
            long journey,
            long customer,
            int seq,
            String from,
            String to,
            String branch,
            Timestamp at,
            Timestamp due) {
        jdbc.sql("""
                        update journey_position
                        set node_id = :to, seq = :seq + 1, arrived_at = :at, due_at = :due,
                            state = case when :to = 'end' then 'DONE' else 'ACTIVE' end,
                            reason = :from || coalesce(' ' || cast(:branch as text), '')
                        where campaign_id = :journey and customer_id = :customer and entry = 1 and seq = :seq""")
                .param("to", to)
                .param("seq", seq)
                .param("at", at)
                .param("due", due)
                .param("from", from)
                .param("branch", branch)
                .param("journey", journey)
                .param("customer", customer)
                .update();
        pathRow(jdbc, journey, customer, seq + 1, to, from, branch, at);
    }

    private static void pathRow(
            JdbcClient jdbc,
            long journey,
            long customer,
            int seq,
            String node,
            String from,
            String branch,
            Timestamp at) {
        jdbc.sql("""
                        insert into journey_path (campaign_id, customer_id, entry, seq, node_id, from_node, branch, at)
                        values (:journey, :customer, 1, :seq, :node, :from, :branch, :at)""")
                .param("journey", journey)
                .param("customer", customer)
                .param("seq", seq)
                .param("node", node)
                .param("from", from)
                .param("branch", branch)
                .param("at", at)
                .update();
    }

    private static String report(
            String machine,
            int customers,
            long entered,
            long launch,
            long launchCpu,
            Phase toDecision,
            long waiting,
            int clicked,
            Phase clicks,
            long tagged,
            Phase response,
            String oneAt,
            Phase timeLimit,
            String ends,
            Naive naive) {
        long ours = launch + toDecision.millis() + clicks.millis() + timeLimit.millis();
        long naiveAtN = naive.extrapolated(customers);
        return """
                ### Journey: entering and passing a decision (issue 21)

                %s. A fresh database of %,d customers; the journey "entry (a segment of everyone) → invitation email →
                clicked within 3 days? → yes: tag → exit; no: exit", created, submitted and approved through the
                services, launched through `Launches.launch`; each tick is `JourneyEngine.advance` at a chosen time
                (the ticker runs it every %d s). Nine in ten customers agreed to email; one in ten click within the hour (planted responses).

                | phase | Clientele (set-based, batches of 10,000) | CPU (JVM + database) | moves |
                |---|---:|---:|---:|
                | launch: customers entered | %,d ms | %,d ms | %,d entered |
                | tick at launch: entry → send (admitted to the step) → decision | %,d ms | %,d ms | %,d (%,d wait) |
                | tick after %,d clicks: decision → tag → exit | %,d ms | %,d ms | %,d (%,d tagged) |
                | tick after one more response (%,d others waiting) | %,d ms | %,d ms | %,d (responder at `%s`) |
                | tick at the time limit: decision → exit by "no" | %,d ms | %,d ms | %,d |
                | **entered and passed the decision** | **%,d ms** | %,d ms | |

                Per-customer loop (one transaction per customer and phase, the same rows and the same step admission,
                one customer at a time): %s — %.2f ms per customer, **%,d ms extrapolated to %,d** (linear: nothing is
                shared between customers). Ratio: the set-based engine is %.0f× faster. A response moves its customer
                at the next tick: at most %d s + %,d ms. End state: %s.
                """.formatted(
                        machine,
                        customers,
                        TICK_MILLIS / 1000,
                        launch,
                        launchCpu,
                        entered,
                        toDecision.millis(),
                        toDecision.cpuMillis(),
                        toDecision.moves(),
                        waiting,
                        clicked,
                        clicks.millis(),
                        clicks.cpuMillis(),
                        clicks.moves(),
                        tagged,
                        waiting - clicked,
                        response.millis(),
                        response.cpuMillis(),
                        response.moves(),
                        oneAt,
                        timeLimit.millis(),
                        timeLimit.cpuMillis(),
                        timeLimit.moves(),
                        ours,
                        launchCpu + toDecision.cpuMillis() + clicks.cpuMillis() + timeLimit.cpuMillis(),
                        naive,
                        naive.total() / (double) naive.customers(),
                        naiveAtN,
                        customers,
                        naiveAtN / (double) ours,
                        TICK_MILLIS / 1000,
                        response.millis(),
                        ends);
    }
}
