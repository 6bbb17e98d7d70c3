package io.clientele.strategy;

import static io.clientele.platform.db.Rows.timestamptz;

import io.clientele.analytics.value.MatrixClass;
import io.clientele.analytics.value.SalesStrategy;
import io.clientele.audit.AuditTrail;
import io.clientele.customer.CustomerBulkEdits;
import io.clientele.identity.Role;
import io.clientele.identity.UserAccounts;
import io.clientele.insight.DrillQuery;
import io.clientele.insight.ScoreRuns;
import io.clientele.platform.DataScopes;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.segment.SegmentPredicate;
import io.clientele.segment.SegmentQueries;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Account managers for the customers of a one-to-one class of the 3x3 matrix (high volume: a salesperson per
 * customer), in bulk. Customers without an account manager are dealt, best profit first, to the chosen salespeople:
 * by {@link Rule#STORE} to one whose stores or regions hold the customer's home store (the fewest dealt so far first),
 * the rest round-robin; by {@link Rule#ROUND_ROBIN} all round-robin. A capacity limits how many customers each may own
 * in all; whom nobody has room for stays without. Customers who have an account manager keep them, so a repeated
 * assignment deals only the new ones; with an idempotency key a retry answers the first result and changes nothing.
 */
@Service
class OwnerAssignments {
    static final int MAX_SALESPEOPLE = 100;
    static final int MAX_CAPACITY = 1_000_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    enum Rule {
        /** By the salespeople's stores and regions (their data scope), then round-robin. */
        STORE,
        ROUND_ROBIN
    }

    /** What a manager asks, as the form and the API send it. */
    record Request(
            @Nullable DrillQuery figure,
            @Nullable String rule,
            @Nullable List<String> salespeople,
            @Nullable Integer capacity) {}

    /** The result: how many were dealt to each salesperson, and how many nobody had room for. */
    record Result(long id, int assigned, int unassigned, Map<String, Integer> bySalesperson) {}

    /** A result, and whether it is the stored answer of an earlier request with the same key. */
    record Answer(Result result, boolean replayed) {}

    /** An idempotency key used before for another request. */
    static final class KeyReusedException extends RuntimeException {
        KeyReusedException(String key) {
            super("Idempotency-Key '" + key + "' was already used for a different request body");
        }
    }

    private final JdbcClient jdbc;
    private final SegmentQueries queries;
    private final ScoreRuns runs;
    private final UserAccounts users;
    private final DataScopes scopes;
    private final CustomerBulkEdits edits;
    private final AuditTrail audit;
    private final Clock clock;

    OwnerAssignments(
            JdbcClient jdbc,
            SegmentQueries queries,
            ScoreRuns runs,
            UserAccounts users,
            DataScopes scopes,
            CustomerBulkEdits edits,
            AuditTrail audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.runs = runs;
        this.users = users;
        this.scopes = scopes;
        this.edits = edits;
        this.audit = audit;
        this.clock = clock;
    }

    /** The salespeople who may be account managers: enabled users of the sales role, by name. */
    List<String> salespeople() {
        return users.all().stream()
                .filter(u -> u.enabled() && u.role() == Role.SALES)
                .map(UserAccounts.UserAccount::username)
                .sorted()
                .toList();
    }

    /**
     * Checks the request and deals the customers, in one transaction.
     *
     * @throws InvalidInputException naming every wrong field; nothing is stored
     * @throws KeyReusedException when the key was used for another request
     */
    @Transactional
    public Answer assign(Request request, @Nullable String idempotencyKey, String actor) {
        String body = JSON.writeValueAsString(request);
        if (idempotencyKey != null) {
            Optional<Answer> earlier = replay(idempotencyKey, body);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        DrillQuery figure = checked(request);
        List<String> people = List.copyOf(request.salespeople());
        Rule rule = Rule.valueOf(request.rule());
        SegmentPredicate cell = queries.compile(FigureConditions.of(Figures.filter(figure)));
        List<Long> todo = new ArrayList<>();
        List<String> stores = new ArrayList<>();
        jdbc.sql("select c.id, st.code" + SegmentPredicate.FROM + " left join store st on st.id = c.home_store_id"
                        + " where (" + cell.where() + ") and c.owner_username is null"
                        + " order by s.profit desc nulls last, c.id")
                .params(cell.params())
                .query(rs -> {
                    todo.add(rs.getLong(1));
                    stores.add(rs.getString(2));
                });
        Map<String, Long> room = room(people, request.capacity());
        Map<String, Set<String>> storesOf = new HashMap<>();
        for (String person : people) {
            Set<String> codes = scopes.of(person).storeCodes();
            storesOf.put(person, codes == null ? Set.of() : codes);
        }
        Map<String, List<Long>> dealt = new LinkedHashMap<>();
        people.forEach(person -> dealt.put(person, new ArrayList<>()));
        int next = 0;
        int unassigned = 0;
        for (int i = 0; i < todo.size(); i++) {
            String store = stores.get(i);
            String owner = null;
            if (rule == Rule.STORE && store != null) {
                owner = people.stream()
                        .filter(p -> room.get(p) > 0 && storesOf.get(p).contains(store))
                        .min((a, b) -> Integer.compare(
                                dealt.get(a).size(), dealt.get(b).size()))
                        .orElse(null);
            }
            for (int tried = 0; owner == null && tried < people.size(); tried++) {
                String candidate = people.get(next);
                next = (next + 1) % people.size();
                if (room.get(candidate) > 0) {
                    owner = candidate;
                }
            }
            if (owner == null) {
                unassigned++;
                continue;
            }
            room.merge(owner, -1L, Long::sum);
            dealt.get(owner).add(todo.get(i));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        int assigned = 0;
        for (Map.Entry<String, List<Long>> entry : dealt.entrySet()) {
            long[] ids = entry.getValue().stream().mapToLong(Long::longValue).toArray();
            int changed = ids.length == 0 ? 0 : edits.assignOwner(ids, entry.getKey());
            counts.put(entry.getKey(), changed);
            assigned += changed;
        }
        long id = jdbc.sql("""
                        insert into owner_assignment (idempotency_key, request, run_id, matrix_class, rule, salespeople,
                                                      capacity, assigned, unassigned, by_salesperson, assigned_by,
                                                      assigned_at)
                        values (:key, cast(:request as jsonb), :run, :matrix, :rule, :salespeople, :capacity,
                                :assigned, :unassigned, cast(:counts as jsonb), :actor, :now)
                        returning id""")
                .param("key", idempotencyKey)
                .param("request", body)
                .param("run", runs.latestCompleted().orElseThrow().id())
                .param("matrix", figure.matrix())
                .param("rule", rule.name())
                .param("salespeople", people.toArray(String[]::new))
                .param("capacity", request.capacity())
                .param("assigned", assigned)
                .param("unassigned", unassigned)
                .param("counts", JSON.writeValueAsString(counts))
                .param("actor", actor)
                .param("now", timestamptz(clock.instant()))
                .query(Long.class)
                .single();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("matrixClass", figure.matrix());
        details.put("rule", rule.name());
        details.put("assigned", counts);
        details.put("unassigned", unassigned);
        audit.record("customer.owners.assigned", "owner_assignment", id, details);
        return new Answer(new Result(id, assigned, unassigned, counts), false);
    }

    private Optional<Answer> replay(String key, String body) {
        return jdbc.sql("""
                        select id, request = cast(:request as jsonb) as same, assigned, unassigned,
                               by_salesperson::text as counts
                        from owner_assignment where idempotency_key = :key""").param("key", key).param("request", body).query(rs -> {
            if (!rs.next()) {
                return Optional.<Answer>empty();
            }
            if (!rs.getBoolean("same")) {
                throw new KeyReusedException(key);
            }
            @SuppressWarnings("unchecked")
            Map<String, Integer> counts = JSON.readValue(rs.getString("counts"), LinkedHashMap.class);
            return Optional.of(new Answer(
                    new Result(rs.getLong("id"), rs.getInt("assigned"), rs.getInt("unassigned"), counts), true));
        });
    }

    /** Each salesperson's room: the capacity less the customers they own, or no limit. */
    private Map<String, Long> room(List<String> people, @Nullable Integer capacity) {
        Map<String, Long> owned = new HashMap<>();
        jdbc.sql("select owner_username, count(*) from customer where owner_username = any(:people) group by 1")
                .param("people", people.toArray(String[]::new))
                .query(rs -> {
                    owned.put(rs.getString(1), rs.getLong(2));
                });
        return people.stream()
                .collect(Collectors.toMap(
                        p -> p,
                        p -> capacity == null ? Long.MAX_VALUE : capacity - owned.getOrDefault(p, 0L),
                        (a, b) -> a,
                        HashMap::new));
    }

    /** Every problem of the request at once; the figure when there is none. */
    private DrillQuery checked(Request request) {
        List<FieldProblem> problems = new ArrayList<>();
        DrillQuery figure = request.figure();
        if (figure == null) {
            problems.add(FieldProblem.of("figure", "validation.required"));
        } else {
            try {
                Figures.filter(figure);
                Figures.requireLatest(figure, runs);
                if (figure.matrix() == null
                        || MatrixClass.valueOf(figure.matrix()).salesStrategy() != SalesStrategy.ONE_TO_ONE) {
                    problems.add(FieldProblem.of("figure.matrix", "assignment.oneToOne"));
                }
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> problems.add(new FieldProblem("figure." + p.field(), p.code(), p.args())));
            }
        }
        if (request.rule() == null
                || java.util.Arrays.stream(Rule.values())
                        .noneMatch(r -> r.name().equals(request.rule()))) {
            problems.add(FieldProblem.of("rule", "validation.oneOf", List.of(Rule.values())));
        }
        List<String> people = request.salespeople();
        if (people == null || people.isEmpty() || people.size() > MAX_SALESPEOPLE) {
            problems.add(FieldProblem.of("salespeople", "validation.between", 1, MAX_SALESPEOPLE));
        } else {
            List<String> sales = salespeople();
            for (int i = 0; i < people.size(); i++) {
                String person = people.get(i);
                if (person == null || !sales.contains(person)) {
                    problems.add(FieldProblem.of("salespeople[" + i + "]", "assignment.notSales", person));
                } else if (people.indexOf(person) != i) {
                    problems.add(FieldProblem.of("salespeople[" + i + "]", "assignment.twice", person));
                }
            }
        }
        if (request.capacity() != null && (request.capacity() < 1 || request.capacity() > MAX_CAPACITY)) {
            problems.add(FieldProblem.of("capacity", "validation.between", 1, MAX_CAPACITY));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return figure;
    }
}
