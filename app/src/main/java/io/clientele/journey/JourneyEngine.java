package io.clientele.journey;

import io.clientele.analytics.significance.TwoProportions;
import io.clientele.campaign.StepAdmissions;
import io.clientele.campaign.SubCampaigns;
import io.clientele.customer.CustomerBulkEdits;
import io.clientele.customer.CustomerTags;
import io.clientele.journey.JourneyGraph.*;
import io.clientele.sales.LeadSource;
import io.clientele.sales.Leads;
import io.clientele.sales.Tasks;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves customers through running journeys. A tick visits each node of each submitted version of each RUNNING
 * journey, from the entry onwards, and there in one transaction per batch: claims the positions due at the node
 * ({@code for update skip locked}: another process skips them), takes the node's effect for the whole batch (admits
 * them to the send's step, tags them), and moves them along the edge of their branch — one statement per part and
 * branch, whatever the batch's size. Where they arrive at a send or an action, its effect is taken for them in the
 * same transaction and they go on: a position is written once where it stops, with one path row per node passed. The move changes a position only from the node it
 * claimed, under the claim's row lock (so at the move number it claimed), and the path's key is (journey, customer,
 * entry, move): a customer makes each move once. The transaction
 * commits synchronously (it precedes the send workers' external side effect). A tick visits the nodes again while
 * anyone moved, so a customer passes every node that acts at once in the same tick.
 */
@Service
public class JourneyEngine {
    private static final Logger log = LoggerFactory.getLogger(JourneyEngine.class);
    /** Passes over a version's nodes per tick at most; a graph has no cycle without a wait, so this is a safeguard. */
    private static final int MAX_PASSES = 50;
    /** The branch a customer leaves by for a goal reached by a purchase. */
    private static final String GOAL = "goal";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final StepAdmissions admissions;
    private final CustomerTags tags;
    private final CustomerBulkEdits edits;
    private final Tasks tasks;
    private final Leads leads;
    private final SubCampaigns subCampaigns;
    private final Journeys journeys;
    private final Clock clock;
    private final int batchSize;
    /** Connections that drain a node's batches at once. */
    private final int workers;
    /** Submitted versions never change: their graphs are read once. */
    private final Map<String, JourneyGraph> graphs = new ConcurrentHashMap<>();

    JourneyEngine(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            StepAdmissions admissions,
            CustomerTags tags,
            CustomerBulkEdits edits,
            Tasks tasks,
            Leads leads,
            SubCampaigns subCampaigns,
            Journeys journeys,
            Clock clock,
            @Value("${clientele.journey.batch-size:10000}") int batchSize,
            @Value("${clientele.journey.workers:2}") int workers) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.admissions = admissions;
        this.tags = tags;
        this.edits = edits;
        this.tasks = tasks;
        this.leads = leads;
        this.subCampaigns = subCampaigns;
        this.journeys = journeys;
        this.clock = clock;
        this.batchSize = batchSize;
        this.workers = Math.max(1, workers);
    }

    /** One tick at {@code now} (the clock's in service; tests move it): answers how many moves were made. */
    int tick(Instant now) {
        int moved = 0;
        List<Long> running = jdbc.sql("select id from campaign where kind = 'JOURNEY' and status = 'RUNNING'")
                .query(Long.class)
                .list();
        for (long journey : running) {
            moved += advance(journey, now);
        }
        return moved;
    }

    /**
     * The tick of one journey at {@code now} (the ticker's is the clock's; the demo loader advances its journey
     * through its first weeks): nothing unless it is RUNNING (a paused one stands still); answers the moves made.
     */
    public int advance(long journey, Instant now) {
        boolean running = jdbc.sql("select status = 'RUNNING' from campaign where id = :id and kind = 'JOURNEY'")
                .param("id", journey)
                .query(Boolean.class)
                .optional()
                .orElse(false);
        if (!running) {
            return 0;
        }
        int moved = 0;
        List<Integer> versions =
                jdbc.sql("""
                        select version from journey_version where campaign_id = :id and submitted_at is not null
                        order by version""").param("id", journey).query(Integer.class).list();
        for (int version : versions) {
            moved += advance(journey, version, now);
        }
        return moved;
    }

    int tick() {
        return tick(clock.instant());
    }

    private int advance(long journey, int version, Instant now) {
        JourneyGraph graph = graphs.computeIfAbsent(journey + "/" + version, k -> journeys.graph(journey, version));
        List<Node> order = fromEntry(graph);
        int total = 0;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            int moved = 0;
            for (Node node : order) {
                if (Arrivals.ends(node)) {
                    continue;
                }
                Ref ref = new Ref(journey, version, node, graph);
                for (Node goal : graph.nodes()) {
                    if (goal.config() instanceof Goal g && g.purchased() != null) {
                        moved += drain(() -> reachGoal(ref, goal.id(), g.purchased(), now));
                    }
                }
                moved += drain(() -> step(ref, now));
            }
            total += moved;
            if (moved == 0) {
                break;
            }
        }
        return total;
    }

    /**
     * Batches of one node until a batch comes back short, on {@code workers} connections at once: each claims what
     * the others have not locked, as a second server process would, so the database's cores share a large node.
     */
    private int drain(Supplier<Batch> batch) {
        Supplier<Integer> worker = () -> {
            int moved = 0;
            Batch one;
            do {
                one = synchronously(batch);
                moved += one.moves();
            } while (one.claimed() == batchSize);
            return moved;
        };
        if (workers == 1) {
            return worker.get();
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> running = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                running.add(pool.submit(worker::get));
            }
            int moved = 0;
            for (Future<Integer> one : running) {
                moved += join(one);
            }
            return moved;
        }
    }

    private static int join(Future<Integer> worker) {
        try {
            return worker.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a journey's batches ran", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** The nodes in breadth-first order from the entry, so that one pass carries a customer as far as it can go. */
    private static List<Node> fromEntry(JourneyGraph graph) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        graph.nodes().stream().filter(n -> n.kind() == Kind.ENTRY).forEach(n -> todo.add(n.id()));
        while (!todo.isEmpty()) {
            String id = todo.poll();
            if (seen.add(id)) {
                graph.from(id).forEach(e -> todo.add(e.to()));
            }
        }
        return seen.stream().map(id -> graph.node(id).orElseThrow()).toList();
    }

    private record Ref(long journey, int version, Node node, JourneyGraph graph) {}

    /** A batch: the positions it claimed (a full batch means there may be more), the moves they made (path rows). */
    private record Batch(int claimed, int moves) {}

    /**
     * A claimed position: who, which entry, and the branch it leaves by (null: the only edge); {@code
     * tid}, where its row lies, which the lock keeps until the move.
     */
    private record Claim(
            long customerId, int entry, @Nullable String branch, String tid) {}

    /**
     * A goal with a purchase: those at the node who bought the product (a sale receipt, not a return) since they
     * entered leave for the goal node at once, whatever the node is waiting for; the path records the branch
     * {@code goal}. Claimed and moved as any batch.
     */
    private Batch reachGoal(Ref ref, String goal, String product, Instant now) {
        List<Claim> claims = jdbc.sql("""
                        select p.customer_id, p.entry, p.ctid::text from journey_position p
                        where p.campaign_id = :id and p.node_id = :node and p.state = 'ACTIVE' and p.version = :version
                          and exists (select 1 from sale s
                                      join sale_line l on l.sale_id = s.id
                                      join product pr on pr.id = l.product_id
                                      where s.customer_id = p.customer_id and s.kind = 'SALE'
                                        and s.sold_at >= p.entered_at and pr.sku = :product)
                        order by p.customer_id
                        limit :batch
                        for update skip locked""")
                .param("id", ref.journey())
                .param("node", ref.node().id())
                .param("version", ref.version())
                .param("product", product)
                .param("batch", batchSize)
                .query((rs, n) -> new Claim(rs.getLong(1), rs.getInt(2), GOAL, rs.getString(3)))
                .list();
        return new Batch(claims.size(), claims.isEmpty() ? 0 : move(ref, claims, now, goal));
    }

    private record Steps(
            @Nullable Long a, @Nullable Long b, @Nullable String winner) {}

    private <T> T synchronously(Supplier<T> work) {
        return transactions.execute(status -> {
            // plans for the batch's actual arrays: after five runs of a prepared statement PostgreSQL may keep a
            // generic plan that guesses ten rows per array, and joins a batch of 10,000 to itself row by row
            jdbc.sql("select set_config('synchronous_commit', 'on', true)"
                            + " where current_setting('synchronous_commit') = 'off'"
                            + " union all select set_config('plan_cache_mode', 'force_custom_plan', true)")
                    .query((rs, n) -> 1)
                    .list();
            return work.get();
        });
    }

    private Batch step(Ref ref, Instant now) {
        Steps steps = steps(ref);
        if (ref.node().config() instanceof AbTest ab && steps.winner() == null) {
            decideWinner(ref, ab, steps, now);
            steps = steps(ref);
        }
        List<Claim> claims = claim(ref, steps, now);
        if (claims.isEmpty()) {
            return new Batch(0, 0);
        }
        act(ref, steps, claims, now);
        return new Batch(claims.size(), move(ref, claims, now));
    }

    /** The node's effect on the claimed customers, for the whole batch: admitted to its step, tagged, handed over. */
    private void act(Ref ref, Steps steps, List<Claim> claims, Instant now) {
        long[] ids = claims.stream().mapToLong(Claim::customerId).toArray();
        switch (ref.node().config()) {
            case Send send -> admissions.admit(steps.a(), ids);
            case AbTest ab -> {
                admissions.admit(steps.a(), ids(claims, "A"));
                admissions.admit(steps.b(), ids(claims, "B"));
            }
            case Action action -> {
                switch (action.rule()) {
                    case AddTag t -> tags.addToAll(ids, t.tag());
                    case RemoveTag t -> tags.removeFromAll(ids, t.tag());
                    case AssignOwner o -> edits.assignOwner(ids, o.username());
                    case SetAttribute a -> edits.setAttribute(ids, a.key(), a.value());
                    case HandToGroup h -> assignTasks(ref, claims, h.users(), now);
                    case CreateLead l ->
                        leads.createAll(
                                LeadSource.JOURNEY_NODE,
                                ref.journey(),
                                null,
                                ref.node().id(),
                                l.users(),
                                ids,
                                origins(ref, claims),
                                now,
                                "system");
                    case StartSubCampaign sub ->
                        subCampaigns.admit(ref.journey(), ref.node().id(), sub.name(), sub.budget(), ids, now);
                }
            }
            default -> {}
        }
    }

    /**
     * One task per customer for one of the users, titled by the journey and the node; its origin is the node and the
     * customer's entry, so a customer passing the node again in another entry gets another task, a retry none.
     */
    private void assignTasks(Ref ref, List<Claim> claims, List<String> users, Instant now) {
        String journey = jdbc.sql("select name from campaign where id = :id")
                .param("id", ref.journey())
                .query(String.class)
                .single();
        long[] ids = claims.stream().mapToLong(Claim::customerId).toArray();
        tasks.assign(
                Tasks.Kind.FOLLOW_UP,
                journey + ": " + ref.node().label(),
                users,
                ref.journey(),
                ids,
                origins(ref, claims),
                now);
    }

    /** What made each claim's task or lead: the node and the customer's entry (a retry makes none again). */
    private static String[] origins(Ref ref, List<Claim> claims) {
        return claims.stream()
                .map(c -> "journey:" + ref.journey() + ":" + ref.node().id() + ":" + c.entry())
                .toArray(String[]::new);
    }

    private static long[] ids(List<Claim> claims, String branch) {
        return claims.stream()
                .filter(c -> branch.equals(c.branch()))
                .mapToLong(Claim::customerId)
                .toArray();
    }

    private Steps steps(Ref ref) {
        return jdbc.sql("""
                        select step_id, step_b_id, winner from journey_node
                        where campaign_id = :id and version = :version and node_id = :node""")
                .param("id", ref.journey())
                .param("version", ref.version())
                .param("node", ref.node().id())
                .query((rs, n) -> new Steps(
                        rs.getObject("step_id", Long.class),
                        rs.getObject("step_b_id", Long.class),
                        rs.getString("winner")))
                .single();
    }

    /**
     * The positions due at the node, locked: {@code when} says which are ready, {@code branch} which way each leaves.
     * Batches go by due time, so the longest waiting move first.
     */
    private List<Claim> claim(Ref ref, Steps steps, Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", ref.journey());
        params.put("version", ref.version());
        params.put("node", ref.node().id());
        params.put("now", Timestamp.from(now));
        params.put("batch", batchSize);
        // a bucket 0–99 per customer and entry, the same on every tick: random splits and A/B samples
        params.put("seed", (long) ref.node().id().hashCode() * 31 + ref.journey());
        String bucket = "abs(mod(hashint8extended(p.customer_id * 1000 + p.entry, :seed), 100))";
        String when = "p.due_at <= :now";
        String branch = "null";
        switch (ref.node().config()) {
            case Decision decision -> {
                List<Long> asked = new ArrayList<>();
                if (decision.send() != null) {
                    asked.addAll(sendSteps(ref, decision.send()));
                }
                Feedbacks.Sql feedback = Feedbacks.of(decision.on(), asked);
                params.putAll(feedback.params());
                // before its time limit a customer is claimed only if a response says yes: the hashed responders
                // first, the row's own check (since it entered) only for them
                when = "(p.due_at <= :now or (" + feedback.responders() + " and " + feedback.condition() + "))";
                branch = "case when " + feedback.condition() + " then 'yes' else 'no' end";
            }
            case RandomSplit split -> branch = bucket + "::text";
            case AbTest ab -> {
                params.put("sample", ab.samplePercent());
                params.put("winner", steps.winner());
                when += " and (" + bucket + " < :sample or cast(:winner as text) is not null)";
                branch = "case when " + bucket + " < :sample then (case when mod(" + bucket
                        + ", 2) = 0 then 'A' else 'B' end) else cast(:winner as text) end";
            }
            default -> {}
        }
        List<Claim> claims = jdbc.sql("""
                        select p.customer_id, p.entry, %s as branch, p.ctid::text from journey_position p
                        where p.campaign_id = :id and p.node_id = :node and p.state = 'ACTIVE' and p.version = :version
                          and %s
                        order by p.due_at
                        limit :batch
                        for update skip locked""".formatted(branch, when))
                .params(params)
                .query((rs, n) -> new Claim(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4)))
                .list();
        if (ref.node().config() instanceof RandomSplit split) {
            return claims.stream()
                    .map(c -> new Claim(c.customerId(), c.entry(), share(split, Integer.parseInt(c.branch())), c.tid()))
                    .toList();
        }
        return claims;
    }

    /** The branch a bucket 0–99 falls in: the shares laid end to end in their order. */
    private static String share(RandomSplit split, int bucket) {
        int upTo = 0;
        for (Share share : split.branches()) {
            upTo += share.percent();
            if (bucket < upTo) {
                return share.branch();
            }
        }
        return split.branches().getLast().branch();
    }

    /** The steps of the asked send node: one, or an A/B split's two. */
    private List<Long> sendSteps(Ref ref, String sendNode) {
        return jdbc
                .sql("""
                        select unnest(array[step_id, step_b_id]) from journey_node
                        where campaign_id = :id and version = :version and node_id = :node""")
                .param("id", ref.journey())
                .param("version", ref.version())
                .param("node", sendNode)
                .query(Long.class)
                .list()
                .stream()
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /**
     * Moves the claimed positions along the edge of their branch, one statement per branch, with one path row per
     * node passed; a position no longer at the node is left alone. Answers the moves made (the path rows).
     */
    private int move(Ref ref, List<Claim> claims, Instant now) {
        return move(ref, claims, now, null);
    }

    /** As {@link #move(Ref, List, Instant)}, to {@code target} when given instead of along the branches' edges. */
    private int move(Ref ref, List<Claim> claims, Instant now, @Nullable String target) {
        Map<Arrival, List<Claim>> byArrival = new LinkedHashMap<>();
        for (Claim claim : claims) {
            String to = target != null
                    ? target
                    : ref.graph()
                            .next(
                                    ref.node().id(),
                                    claim.branch() == null || ref.node().config() instanceof AbTest
                                            ? null
                                            : claim.branch())
                            .orElseThrow(() -> new IllegalStateException(
                                    "node " + ref.node().id() + " has no edge by " + claim.branch()));
            byArrival
                    .computeIfAbsent(new Arrival(to, claim.branch()), k -> new ArrayList<>())
                    .add(claim);
        }
        int moved = 0;
        int moves = 0;
        for (Map.Entry<Arrival, List<Claim>> group : byArrival.entrySet()) {
            List<Hop> hops = passAtOnce(ref, group.getKey(), group.getValue(), now);
            Hop last = hops.getLast();
            Node node = ref.graph().node(last.to()).orElseThrow();
            // the claimed rows where they lie (a TID scan), one statement per node and branch arrived at: no join
            // for the planner to get wrong, where a batch is a small part of a journey of a million positions. The
            // position is written once, where it stops; the path gets a row for each node passed on the way.
            int pathRows = jdbc.sql("""
                            with moved as (
                                update journey_position p
                                set node_id = :to, seq = p.seq + :hops, arrived_at = :now, due_at = :due,
                                    state = :state, reason = :last || coalesce(' ' || cast(:branch as text), '')
                                where p.ctid = any(cast(:tids as tid[])) and p.campaign_id = :id and p.node_id = :from
                                returning p.customer_id, p.entry, p.seq)
                            insert into journey_path (campaign_id, customer_id, entry, seq, node_id, from_node, branch,
                                                      at)
                            select :id, m.customer_id, m.entry, m.seq - :hops + h.k, h.node_id, h.from_node, h.branch,
                                   :now
                            from moved m
                            cross join unnest(cast(:nodes as text[]), cast(:froms as text[]), cast(:branches as text[]))
                                with ordinality as h(node_id, from_node, branch, k)""")
                    .param("tids", group.getValue().stream().map(Claim::tid).toArray(String[]::new))
                    .param("to", last.to())
                    .param("hops", hops.size())
                    .param("last", last.from())
                    .param("branch", last.branch())
                    .param("nodes", hops.stream().map(Hop::to).toArray(String[]::new))
                    .param("froms", hops.stream().map(Hop::from).toArray(String[]::new))
                    .param("branches", hops.stream().map(Hop::branch).toArray(String[]::new))
                    .param("due", Timestamp.from(Arrivals.due(node, now, clock.getZone())))
                    .param("state", Arrivals.ends(node) ? "DONE" : "ACTIVE")
                    .param("now", Timestamp.from(now))
                    .param("from", ref.node().id())
                    .param("id", ref.journey())
                    .update();
            moves += pathRows;
            moved += pathRows / hops.size();
            if (node.config() instanceof AbTest && pathRows > 0) {
                arrived(ref, node.id(), now);
            }
        }
        if (moved != claims.size()) {
            log.warn(
                    "journey {} node {}: {} of {} claimed positions moved",
                    ref.journey(),
                    ref.node().id(),
                    moved,
                    claims.size());
        }
        return moves;
    }

    /**
     * The hops of a group of claims from the node they leave: to the arrival, then on through every send and action
     * there, whose effect is taken for the group at once, in this transaction, as the next pass of the tick would take
     * it (a node that waits, decides or splits stops them, and so does the end). The positions are then written once,
     * not once per node. Not where a goal is reached by a purchase: its check precedes every node's effect.
     */
    private List<Hop> passAtOnce(Ref ref, Arrival arrival, List<Claim> claims, Instant now) {
        List<Hop> hops = new ArrayList<>(List.of(new Hop(ref.node().id(), arrival.to(), arrival.branch())));
        if (hasPurchaseGoal(ref.graph())) {
            return hops;
        }
        List<Claim> passing = claims.stream()
                .map(c -> new Claim(c.customerId(), c.entry(), null, c.tid()))
                .toList();
        while (hops.size() < MAX_PASSES) {
            Node at = ref.graph().node(hops.getLast().to()).orElseThrow();
            Optional<String> next = ref.graph().next(at.id(), null);
            boolean atOnce = at.config() instanceof Send || at.config() instanceof Action;
            if (!atOnce || next.isEmpty()) {
                break;
            }
            Ref here = new Ref(ref.journey(), ref.version(), at, ref.graph());
            act(here, steps(here), passing, now);
            hops.add(new Hop(at.id(), next.get(), null));
        }
        return hops;
    }

    /** The first arrival at an A/B split, from which its winner is chosen after {@code decideAfter}: set once. */
    private void arrived(Ref ref, String node, Instant now) {
        jdbc.sql("""
                        update journey_node set first_arrived_at = :now
                        where campaign_id = :id and version = :version and node_id = :node
                          and first_arrived_at is null and winner is null""")
                .param("now", Timestamp.from(now))
                .param("id", ref.journey())
                .param("version", ref.version())
                .param("node", node)
                .update();
    }

    private static boolean hasPurchaseGoal(JourneyGraph graph) {
        return graph.nodes().stream().anyMatch(n -> n.config() instanceof Goal g && g.purchased() != null);
    }

    /** One node passed: from where, to where, by which branch. */
    private record Hop(String from, String to, @Nullable String branch) {}

    /** Where a group of claimed positions goes, and by which branch. */
    private record Arrival(String to, @Nullable String branch) {}

    /**
     * Chooses an A/B split's winner once {@code decideAfter} has passed since the first customer arrived: the rate of
     * the metric among the sent of each step, compared by {@link TwoProportions}; A unless B is significantly better
     * (or A significantly worse). Set once: a concurrent tick's choice stands.
     */
    private void decideWinner(Ref ref, AbTest ab, Steps steps, Instant now) {
        // the first arrival at this node id in any version
        Instant first = jdbc.sql(
                        "select min(first_arrived_at) from journey_node where campaign_id = :id and node_id = :node")
                .param("id", ref.journey())
                .param("node", ref.node().id())
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .orElse(null);
        Duration after = ab.decideAfter() == null ? Duration.ZERO : ab.decideAfter();
        if (first == null || now.isBefore(first.plus(after))) {
            return;
        }
        String kinds = ab.metric() == Metric.OPENED ? "'OPENED', 'CLICKED'" : "'CLICKED'";
        Map<Long, long[]> rates = new HashMap<>();
        jdbc.sql("""
                        select m.step_id, count(*) as sent,
                               count(*) filter (where exists (
                                   select 1 from campaign_response r
                                   where r.step_id = m.step_id and r.customer_id = m.customer_id
                                     and r.kind in (%s))) as responded
                        from campaign_member m
                        where m.step_id in (:a, :b) and m.send_status = 'SENT'
                        group by m.step_id""".formatted(kinds))
                .param("a", steps.a())
                .param("b", steps.b())
                .query(rs -> {
                    rates.put(rs.getLong("step_id"), new long[] {rs.getLong("responded"), rs.getLong("sent")});
                });
        long[] a = rates.getOrDefault(steps.a(), new long[2]);
        long[] b = rates.getOrDefault(steps.b(), new long[2]);
        TwoProportions test = new TwoProportions(a[0], a[1], b[0], b[1]);
        String winner = test.winner(ab.significance()) == TwoProportions.Winner.B ? "B" : "A";
        jdbc.sql("""
                        update journey_node set winner = :winner
                        where campaign_id = :id and version = :version and node_id = :node and winner is null""")
                .param("winner", winner)
                .param("id", ref.journey())
                .param("version", ref.version())
                .param("node", ref.node().id())
                .update();
        log.info(
                "journey {} A/B split {}: {} wins (A {}/{}, B {}/{}, p = {})",
                ref.journey(),
                ref.node().id(),
                winner,
                a[0],
                a[1],
                b[0],
                b[1],
                test.pValue());
    }
}
