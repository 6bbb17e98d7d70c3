package io.clientele.journey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Where a journey's customers are (live counts per node and edge) and the journeys and paths of one customer. */
@Service
public class JourneyProgress {
    private final JdbcClient jdbc;
    private final Journeys journeys;

    JourneyProgress(JdbcClient jdbc, Journeys journeys) {
        this.jdbc = jdbc;
        this.journeys = journeys;
    }

    /** A node's customers: how many passed it (arrived, over all entries) and how many are there now. */
    public record NodeCount(String node, long passed, long waiting) {}

    /** How many moved along an edge. */
    public record EdgeCount(
            String from, String to, @Nullable String branch, long passed) {}

    public record Counts(List<NodeCount> nodes, List<EdgeCount> edges) {}

    /** Every node and edge of the latest graph, those nobody reached with zeros; two grouped queries. */
    public Counts counts(long journeyId) {
        JourneyGraph graph = journeys.get(journeyId).graph();
        Map<String, Long> passed = new java.util.HashMap<>();
        Map<String, Long> edgePassed = new java.util.HashMap<>();
        jdbc.sql("""
                        select node_id, from_node, branch, count(*) as n from journey_path where campaign_id = :id
                        group by node_id, from_node, branch""").param("id", journeyId).query(rs -> {
            passed.merge(rs.getString("node_id"), rs.getLong("n"), Long::sum);
            if (rs.getString("from_node") != null) {
                edgePassed.merge(
                        edgeKey(rs.getString("from_node"), rs.getString("node_id"), rs.getString("branch")),
                        rs.getLong("n"),
                        Long::sum);
            }
        });
        Map<String, Long> waiting = new java.util.HashMap<>();
        jdbc.sql("""
                        select node_id, count(*) as n from journey_position
                        where campaign_id = :id and state = 'ACTIVE' group by node_id""").param("id", journeyId).query(rs -> {
            waiting.put(rs.getString("node_id"), rs.getLong("n"));
        });
        List<NodeCount> nodes = graph.nodes().stream()
                .map(n -> new NodeCount(n.id(), passed.getOrDefault(n.id(), 0L), waiting.getOrDefault(n.id(), 0L)))
                .toList();
        // an A/B split's edge is taken by branch A or B: counted together on its one edge
        List<EdgeCount> edges = graph.edges().stream()
                .map(e -> new EdgeCount(
                        e.from(),
                        e.to(),
                        e.branch(),
                        edgePassed.entrySet().stream()
                                .filter(p -> e.branch() == null
                                        ? p.getKey().startsWith(e.from() + "\u0000" + e.to() + "\u0000")
                                        : p.getKey().equals(edgeKey(e.from(), e.to(), e.branch())))
                                .mapToLong(Map.Entry::getValue)
                                .sum()))
                .toList();
        return new Counts(nodes, edges);
    }

    private static String edgeKey(String from, String to, @Nullable String branch) {
        return from + "\u0000" + to + "\u0000" + (branch == null ? "" : branch);
    }

    /** One step of a customer's path: the node reached, from where, by which branch, when. */
    public record Passed(
            int seq,
            String node,
            @Nullable String from,
            @Nullable String branch,
            Instant at) {}

    /** A customer's entry into a journey: where they stand, why, and the path so far. */
    public record CustomerJourney(
            long journeyId,
            String name,
            int entry,
            int version,
            String node,
            String state,
            Instant enteredAt,
            Instant dueAt,
            String reason,
            List<Passed> path) {}

    /** The customer's journeys, latest entry first, each with its path (two queries). */
    public List<CustomerJourney> ofCustomer(long customerId) {
        record Key(long journey, int entry) {}
        Map<Key, List<Passed>> paths = new java.util.HashMap<>();
        // through the customer's positions: the path is keyed by position, and an index of it by customer would cost
        // every move a write, where a read by customer alone scanned every journey's path
        jdbc.sql("""
                        select p.campaign_id, p.entry, p.seq, p.node_id, p.from_node, p.branch, p.at
                        from journey_position j join journey_path p using (campaign_id, customer_id, entry)
                        where j.customer_id = :customer order by p.campaign_id, p.entry, p.seq""").param("customer", customerId).query(rs -> {
            paths.computeIfAbsent(new Key(rs.getLong("campaign_id"), rs.getInt("entry")), k -> new ArrayList<>())
                    .add(new Passed(
                            rs.getInt("seq"),
                            rs.getString("node_id"),
                            rs.getString("from_node"),
                            rs.getString("branch"),
                            rs.getTimestamp("at").toInstant()));
        });
        return jdbc.sql("""
                        select p.campaign_id, c.name, p.entry, p.version, p.node_id, p.state, p.entered_at, p.due_at,
                               p.reason
                        from journey_position p join campaign c on c.id = p.campaign_id
                        where p.customer_id = :customer order by p.entered_at desc, p.campaign_id""")
                .param("customer", customerId)
                .query((rs, n) -> new CustomerJourney(
                        rs.getLong("campaign_id"),
                        rs.getString("name"),
                        rs.getInt("entry"),
                        rs.getInt("version"),
                        rs.getString("node_id"),
                        rs.getString("state"),
                        rs.getTimestamp("entered_at").toInstant(),
                        rs.getTimestamp("due_at").toInstant(),
                        rs.getString("reason"),
                        paths.getOrDefault(new Key(rs.getLong("campaign_id"), rs.getInt("entry")), List.of())))
                .list();
    }
}
