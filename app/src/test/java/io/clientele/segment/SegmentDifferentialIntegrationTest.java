package io.clientele.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.insight.ScoreRun;
import io.clientele.insight.Scoring;
import io.clientele.insight.ScoringRunner;
import io.clientele.segment.SegmentField.ValueType;
import io.clientele.segment.audience.AudienceLoader;
import io.clientele.segment.audience.AudienceQuery;
import io.clientele.segment.audience.SegmentAudience;
import io.clientele.segment.sql.SegmentSql;
import io.clientele.segment.summary.SegmentSummary;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The SQL a condition compiles to selects exactly the customers the in-memory evaluator selects: random customers
 * (profiles, tags, consents, custom attributes, receipts, scores) and random condition trees over every field. Both
 * compilations are held to it: the plain one over the base tables and the one over the segment summary; and the
 * count through the summary (with its fallback for customers changed since the refresh) equals the plain count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentDifferentialIntegrationTest extends ApplicationTestSupport {
    private static final int CUSTOMERS = 240;
    private static final int TREES = 400;
    private static final List<String> CITIES = List.of("Harrowgate", "Zürich", "O'Neill Bay", "Eastwick", "北京");
    private static final List<String> TAGS = List.of("vip", "newsletter", "o'brien", "家庭", "x;drop");
    private static final List<String> OCCUPATIONS = List.of("Teacher", "Engineer", "Self-employed", "Nurse");

    @Autowired
    FieldRegistry fields;

    @Autowired
    SegmentQueries queries;

    @Autowired
    Scoring scoring;

    @Autowired
    ScoringRunner runner;

    @Autowired
    SegmentSummary summary;

    @Autowired
    SegmentAudience audience;

    private final Random random = new Random(20261123);
    private final String source = "segdiff-" + System.nanoTime();
    private List<CustomerFacts> facts;
    private Long[] ids;
    private long runId;
    private LocalDate today;

    @BeforeAll
    void plantCustomersAndScoreThem() {
        today = LocalDate.ofInstant(TEST_NOW, ZoneOffset.UTC);
        List<Map<String, Object>> products = jdbc.sql("select id, sku, brand, category, price, cost from product")
                .query()
                .listOfRows();
        List<Integer> stores =
                jdbc.sql("select id from store").query(Integer.class).list();
        List<Integer> regions =
                jdbc.sql("select id from region").query(Integer.class).list();
        List<Long> planted = new ArrayList<>();
        for (int n = 0; n < CUSTOMERS; n++) {
            long id = insertCustomer(n, stores, regions);
            insertReceipts(id, products, stores);
            planted.add(id);
        }
        plantCampaignResponses(planted);
        ScoreRun run = runner.runOrAwait(
                scoring.queue(ScoreRun.Trigger.API, Scoring.Request.defaults(), "test"), (p, d, t) -> {});
        assertThat(run.status()).isEqualTo(ScoreRun.Status.COMPLETED);
        runId = run.id();
        facts = new FactsLoader(jdbc).load(source, run.id(), fields);
        assertThat(facts).hasSize(CUSTOMERS);
        rebuildSummary();
        audience.reloadIfChanged();
        ids = facts.stream().map(CustomerFacts::id).toArray(Long[]::new);
    }

    @Test
    void sqlAndTheEvaluatorSelectTheSameCustomersForRandomTrees() {
        SegmentEvaluator evaluator = new SegmentEvaluator(fields, today);
        int nonTrivial = 0;
        int campaignTrees = 0;
        int fromMemory = 0;
        Set<String> fieldsTested = new TreeSet<>();
        Set<String> fieldsFromMemory = new TreeSet<>();
        for (int t = 0; t < TREES; t++) {
            Condition condition = tree(random.nextInt(4));
            Set<Long> expected = new TreeSet<>();
            for (CustomerFacts customer : facts) {
                if (evaluator.test(condition, customer)) {
                    expected.add(customer.id());
                }
            }
            SegmentPredicate compiled = SegmentSql.compile(condition, fields, context());
            Map<String, Object> params = new HashMap<>(compiled.params());
            params.put("source", source);
            fieldsTested.addAll(fieldKeys(condition));
            Set<Long> selected = new TreeSet<>(jdbc.sql("select c.id" + SegmentPredicate.FROM
                            + " where c.source = :source and (" + compiled.where() + ")")
                    .params(params)
                    .query(Long.class)
                    .list());
            assertThat(selected).as(ConditionJson.toJson(condition)).isEqualTo(expected);
            assertThat(fromSummary(condition))
                    .as("summary: " + ConditionJson.toJson(condition))
                    .isEqualTo(expected);
            assertThat(summaryCount(condition))
                    .as("count through the summary: " + ConditionJson.toJson(condition) + ", " + summary.state())
                    .hasValue(queries.countPlain(condition, context()));
            assertThat(ConditionJson.parse(ConditionJson.toJson(condition), fields))
                    .as("JSON round trip")
                    .isEqualTo(condition);
            java.util.Optional<SegmentAudience.Selection> inMemory = audienceSelection(condition);
            if (inMemory.isPresent()) {
                fromMemory++;
                fieldsFromMemory.addAll(fieldKeys(condition));
                Set<Long> planted = new TreeSet<>(List.of(ids));
                Set<Long> selectedInMemory = new TreeSet<>();
                for (long id : inMemory.get().ids()) {
                    if (planted.contains(id)) {
                        selectedInMemory.add(id);
                    }
                }
                assertThat(selectedInMemory)
                        .as("audience index: " + ConditionJson.toJson(condition))
                        .isEqualTo(expected);
                assertThat(inMemory.get().count())
                        .as("count through the audience index: " + ConditionJson.toJson(condition))
                        .isEqualTo(queries.countPlain(condition, context()));
                // the second page by lifetime value and the first by P(alive): sorted in memory, then read by id
                for (Map.Entry<String, Integer> page :
                        Map.of("clv", 1, "alive", 0).entrySet()) {
                    assertThat(pageIds(queries.members(condition, context(), page.getKey(), page.getValue(), 7)))
                            .as("%s through the audience index: %s", page, condition)
                            .isEqualTo(pageIds(
                                    queries.membersPlain(condition, context(), page.getKey(), page.getValue(), 7)));
                }
                AudienceLoader.Loaded held = audience.held();
                assertThat(new AudienceQuery(held, fields, today, 64)
                                .select(condition, held.index().all()))
                        .as("selected in ranges of positions at once: " + ConditionJson.toJson(condition))
                        .isEqualTo(new AudienceQuery(held, fields, today, Integer.MAX_VALUE)
                                .select(condition, held.index().all()));
            }
            if (!expected.isEmpty() && expected.size() < CUSTOMERS) {
                nonTrivial++;
                if (ConditionJson.toJson(condition).contains("\"campaign_")) {
                    campaignTrees++;
                }
            }
        }
        assertThat(campaignTrees)
                .as("trees with a campaign condition that select some but not all customers")
                .isGreaterThan(10);
        assertThat(nonTrivial)
                .as("trees that select some but not all customers")
                .isGreaterThan(TREES / 3);
        List<String> registered =
                fields.fields().stream().map(SegmentField::key).toList();
        assertThat(fieldsTested).as("every field on the SQL and summary paths").containsAll(registered);
        assertThat(fieldsFromMemory)
                .as("every field the audience index holds, on its path")
                .containsAll(registered.stream()
                        .filter(key -> audience.held() != null
                                && new AudienceQuery(audience.held(), fields, today)
                                        .answers(new Condition.Leaf(key, Operator.IS_SET, List.of(), null)))
                        .toList());
        assertThat(fromMemory)
                .as("trees the audience index answered (the others name campaign, address or attribute fields)")
                .isGreaterThan(TREES / 4);
    }

    /**
     * The selection through the audience index, read again from a summary of this class's run when another test's
     * run replaced it; empty when the tree names a field the index does not hold.
     */
    private java.util.Optional<SegmentAudience.Selection> audienceSelection(Condition condition) {
        java.util.Optional<SegmentAudience.Selection> selection = audience.select(condition, context());
        if (selection.isEmpty()) {
            SegmentSummary.State state = summary.state().orElseThrow();
            if (!Long.valueOf(runId).equals(state.runId()) || state.stale()) {
                rebuildSummary();
            }
            audience.reloadIfChanged();
            selection = audience.select(condition, context());
        }
        return selection;
    }

    /**
     * Today, UTC and this class's scoring run. Other tests' background jobs share this database, and a run they
     * queued may complete while this class runs: the planted facts hold this run's scores.
     */
    private SegmentContext context() {
        return new SegmentContext(today, ZoneOffset.UTC, runId);
    }

    /**
     * A count through the summary. The summary steps aside (counts fall back to the plain query) when the background
     * worker rebuilt it for a newer run or an import changed a product's category, so it is rebuilt for this class's
     * run and asked again.
     */
    private java.util.OptionalLong summaryCount(Condition condition) {
        java.util.OptionalLong count = summary.count(condition, context());
        if (count.isEmpty()) {
            rebuildSummary();
            count = summary.count(condition, context());
        }
        return count;
    }

    /** The planted customers the summary's predicate selects (none of them changed since the refresh). */
    private Set<Long> fromSummary(Condition condition) {
        SegmentSummary.State state = summary.state().orElseThrow();
        if (!Long.valueOf(runId).equals(state.runId()) || state.stale()) {
            rebuildSummary();
        }
        SegmentPredicate compiled = SegmentSql.compileSummary(condition, fields, context(), "q");
        Map<String, Object> params = new HashMap<>(compiled.params());
        params.put("ids", ids);
        return new TreeSet<>(jdbc.sql("select c.id" + SegmentSql.SUMMARY_FROM + " where c.id = any(:ids) and not"
                        + " exists (select 1 from segment_dirty d where d.customer_id = c.id) and ("
                        + compiled.where() + ")")
                .params(params)
                .query(Long.class)
                .list());
    }

    @Test
    void customersChangedSinceTheRefreshAreCountedFromTheBaseTables() {
        Condition vip = new Condition.Leaf("tag", Operator.HAS_ANY, List.of(new Value.Text("segdiff-vip")), null);
        Condition boughtToday = new Condition.Leaf(
                "purchases", Operator.GTE, List.of(new Value.Number(BigDecimal.ONE)), new Window.LastDays(1));
        long before = queries.countPlain(boughtToday, context());
        long id = ids[0];
        jdbc.sql("insert into customer_tag (customer_id, tag, added_at) values (:id, 'segdiff-vip', now())")
                .param("id", id)
                .update();
        jdbc.sql(
                        "insert into sale (source, receipt_id, kind, store_id, customer_id, sold_at, total_amount,"
                                + " total_cost) values (:source, 'today', 'SALE', (select min(id) from store), :id, :at, 10, 5)")
                .param("source", source)
                .param("id", id)
                .param("at", Timestamp.from(TEST_NOW.plusSeconds(3600)))
                .update();
        try {
            assertThat(summaryCount(vip)).as("%s", summary.state()).hasValue(1);
            assertThat(summaryCount(boughtToday)).as("%s", summary.state()).hasValue(before + 1);
            assertThat(audienceSelection(vip).orElseThrow().ids())
                    .as("a tag added since the index was read")
                    .containsExactly(id);
            assertThat(audienceSelection(boughtToday).orElseThrow().count()).isEqualTo(before + 1);
            assertThat(audienceSelection(boughtToday).orElseThrow().ids()).contains(id);
        } finally {
            jdbc.sql("delete from sale where source = :source and receipt_id = 'today'")
                    .param("source", source)
                    .update();
            jdbc.sql("delete from customer_tag where tag = 'segdiff-vip'").update();
            rebuildSummary();
        }
    }

    /**
     * A fold rewrites the marked customers' rows as a rebuild would write them (compared with tokens decoded to
     * value and day, as a rebuild may choose other days), and the audience index answers for them from a delta read
     * of those rows alone. A new customer, a new product bought today, a tag and a moved customer are folded.
     */
    @Test
    void foldedCustomersAreAnsweredAsARebuildWouldAnswerThem() {
        rebuildSummary();
        audience.reloadIfChanged();
        SegmentSummary.State before = summary.state().orElseThrow();
        long revisionBefore = audience.state().orElseThrow().revision();
        String sku = "segfold-" + System.nanoTime();
        jdbc.sql("""
                        insert into product (sku, name, brand, model, category, price, cost)
                        values (:sku, 'Fold lamp', 'Foldbrand', 'F1', 'Foldlamps', 40, 10)""").param("sku", sku).update();
        long newcomer = jdbc.sql("""
                        insert into customer (external_id, first_name, last_name, city, source, created_at)
                        values (:externalId, 'Nova', 'Fold', 'Foldtown', :source, :created) returning id""")
                .param("externalId", source + "-newcomer")
                .param("source", source)
                .param("created", Timestamp.from(TEST_NOW.minusSeconds(3600)))
                .query(Long.class)
                .single();
        try {
            jdbc.sql("insert into customer_tag (customer_id, tag, added_at) values (:id, 'segfold-tag', now())")
                    .param("id", ids[0])
                    .update();
            long sale = jdbc.sql("""
                            insert into sale (source, receipt_id, kind, store_id, customer_id, sold_at, total_amount,
                                              total_cost)
                            values (:source, 'fold', 'SALE', (select min(id) from store), :id, :at, 40, 10)
                            returning id""")
                    .param("source", source)
                    .param("id", ids[1])
                    .param("at", Timestamp.from(TEST_NOW.plusSeconds(3600)))
                    .query(Long.class)
                    .single();
            jdbc.sql("""
                            insert into sale_line (sale_id, line_no, product_id, quantity, unit_price, amount,
                                                   unit_cost)
                            values (:sale, 1, (select id from product where sku = :sku), 1, 40, 40, 10)""").param("sale", sale).param("sku", sku).update();
            jdbc.sql("update customer set city = 'Foldtown' where id = :id")
                    .param("id", ids[2])
                    .update();
            List<Long> changed = List.of(ids[0], ids[1], ids[2], newcomer);

            foldUntilUnmarked(changed);
            SegmentSummary.State after = summary.state().orElseThrow();
            assertThat(after.builtAt()).as("folded, not rebuilt").isEqualTo(before.builtAt());
            assertThat(after.customers()).isEqualTo(before.customers() + 1);
            assertThat(jdbc.sql("select count(*) from segment_change where customer_id = any(:ids) and revision > :r")
                            .param("ids", changed.toArray(Long[]::new))
                            .param("r", revisionBefore)
                            .query(Long.class)
                            .single())
                    .isEqualTo(4);

            audience.reloadIfChanged();
            SegmentAudience.State held = audience.state().orElseThrow();
            assertThat(held.revision()).isEqualTo(after.revision());
            assertThat(held.summaryBuiltAt().toInstant()).isEqualTo(before.builtAt());
            assertThat(held.folded()).as("a delta, not a whole read").isGreaterThanOrEqualTo(4);
            Condition boughtIt = new Condition.Leaf(
                    "bought_product", Operator.HAS_ANY, List.of(new Value.Text(sku)), new Window.LastDays(1));
            Condition inFoldtown = new Condition.Leaf("city", Operator.IN, List.of(new Value.Text("Foldtown")), null);
            Condition tagged =
                    new Condition.Leaf("tag", Operator.HAS_ANY, List.of(new Value.Text("segfold-tag")), null);
            Condition newBrand =
                    new Condition.Leaf("bought_brand", Operator.HAS_ANY, List.of(new Value.Text("Foldbrand")), null);
            assertThat(audience.select(boughtIt, context()).orElseThrow().ids()).containsExactly(ids[1]);
            assertThat(audience.select(newBrand, context()).orElseThrow().ids()).containsExactly(ids[1]);
            assertThat(audience.select(inFoldtown, context()).orElseThrow().ids())
                    .containsExactlyInAnyOrder(ids[2], newcomer);
            assertThat(audience.select(tagged, context()).orElseThrow().ids()).containsExactly(ids[0]);
            Condition notInFoldtown = new Condition.Not(inFoldtown);
            assertThat(audience.select(notInFoldtown, context()).orElseThrow().count())
                    .isEqualTo(queries.countPlain(notInFoldtown, context()));
            for (Condition condition : List.of(boughtIt, inFoldtown, tagged, newBrand)) {
                assertThat(summary.count(condition, context()))
                        .as("through the summary: %s", condition)
                        .hasValue(queries.countPlain(condition, context()));
            }

            Map<Long, String> folded = decodedRows(changed);
            rebuildSummary();
            assertThat(folded).as("folded rows against rebuilt ones").isEqualTo(decodedRows(changed));
        } finally {
            jdbc.sql("delete from sale where source = :source and receipt_id = 'fold'")
                    .param("source", source)
                    .update();
            jdbc.sql("delete from product where sku = :sku").param("sku", sku).update();
            jdbc.sql("delete from customer_tag where tag = 'segfold-tag'").update();
            jdbc.sql("delete from customer where id = :id")
                    .param("id", newcomer)
                    .update();
            jdbc.sql("update customer set city = :city where id = :id")
                    .param(
                            "city",
                            facts.get(2)
                                    .columns()
                                    .get(((SegmentField.Source.Scalar) fields.find("city")
                                                    .orElseThrow()
                                                    .source())
                                            .column()))
                    .param("id", ids[2])
                    .update();
            rebuildSummary();
        }
    }

    @Test
    void aReceiptBeforeTheSummarysFirstDayCannotBeFolded() {
        rebuildSummary();
        // before every day the summary holds, whatever other tests of this shared database planted (one plants 1925)
        jdbc.sql("""
                        insert into sale (source, receipt_id, kind, store_id, customer_id, sold_at, total_amount,
                                          total_cost)
                        values (:source, 'ancient', 'SALE', (select min(id) from store), :id,
                                least(:at, (select min(sold_at) from sale) - interval '1 day'), 10, 5)""")
                .param("source", source)
                .param("id", ids[3])
                .param("at", Timestamp.from(TEST_NOW.minusSeconds(86_400L * 365 * 100)))
                .update();
        try {
            SegmentSummary.Fold fold = summary.fold(runId);
            while (fold.outcome() == SegmentSummary.Fold.Outcome.BUSY) {
                fold = summary.fold(runId);
            }
            assertThat(fold.outcome()).isEqualTo(SegmentSummary.Fold.Outcome.REBUILD_NEEDED);
            assertThat(jdbc.sql("select count(*) from segment_dirty where customer_id = :id")
                            .param("id", ids[3])
                            .query(Long.class)
                            .single())
                    .as("the marks stay for the rebuild")
                    .isPositive();
        } finally {
            jdbc.sql("delete from sale where source = :source and receipt_id = 'ancient'")
                    .param("source", source)
                    .update();
            rebuildSummary();
        }
    }

    private static List<Long> pageIds(io.clientele.platform.PageResult<SegmentQueries.Member> page) {
        return page.items().stream().map(SegmentQueries.Member::id).toList();
    }

    private static Set<String> fieldKeys(Condition condition) {
        return switch (condition) {
            case Condition.All all ->
                all.conditions().stream()
                        .flatMap(c -> fieldKeys(c).stream())
                        .collect(java.util.stream.Collectors.toSet());
            case Condition.Any any ->
                any.conditions().stream()
                        .flatMap(c -> fieldKeys(c).stream())
                        .collect(java.util.stream.Collectors.toSet());
            case Condition.Not not -> fieldKeys(not.condition());
            case Condition.Leaf leaf -> Set.of(leaf.field());
        };
    }

    /** Rebuilds the summary for this class's run, waiting while the background worker holds it. */
    private void rebuildSummary() {
        for (int attempt = 0; attempt < 600; attempt++) {
            if (summary.refresh(runId).done()) {
                return;
            }
            sleep();
        }
        throw new AssertionError("the segment summary stayed busy");
    }

    /**
     * Folds until the customers are no longer marked: the background worker may fold them first, which is as
     * good.
     */
    private void foldUntilUnmarked(List<Long> customers) {
        for (int attempt = 0; attempt < 600; attempt++) {
            SegmentSummary.Fold fold = summary.fold(runId);
            assertThat(fold.outcome()).isNotEqualTo(SegmentSummary.Fold.Outcome.REBUILD_NEEDED);
            long marked = jdbc.sql("select count(*) from segment_dirty where customer_id = any(:ids)")
                    .param("ids", customers.toArray(Long[]::new))
                    .query(Long.class)
                    .single();
            if (marked == 0) {
                return;
            }
            sleep();
        }
        throw new AssertionError("the customers stayed marked");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The summary rows of these customers with every term column's tokens decoded to value and day. */
    private Map<Long, String> decodedRows(List<Long> customers) {
        StringBuilder row = new StringBuilder("(to_jsonb(c)");
        StringBuilder tokens = new StringBuilder();
        for (SegmentField.TermColumn terms : fields.terms()) {
            row.append(" - '").append(terms.name()).append("'");
            tokens.append(tokens.isEmpty() ? "" : " union all ")
                    .append("select unnest(c.")
                    .append(terms.name())
                    .append(") as x, '")
                    .append(terms.name())
                    .append("' as level");
        }
        Map<Long, String> rows = new java.util.TreeMap<>();
        jdbc.sql("select c.id, " + row + ")::text || array(select t.level || ':' || t.value || '@' || (g.first_day"
                        + " + x % g.span) from (" + tokens + ") b join segment_term t on t.level = b.level"
                        + " and t.code = b.x / g.span order by 1)::text as row"
                        + " from segment_customer c cross join segment_summary g where c.id = any(:ids)")
                .param("ids", customers.toArray(Long[]::new))
                .query((rs, n) -> rows.put(rs.getLong("id"), rs.getString("row")))
                .list();
        assertThat(rows).hasSize(customers.size());
        return rows;
    }

    private Condition tree(int depth) {
        if (depth == 0 || random.nextInt(3) == 0) {
            return leaf();
        }
        int size = random.nextInt(4);
        List<Condition> children = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            children.add(tree(depth - 1));
        }
        return switch (random.nextInt(3)) {
            case 0 -> new Condition.All(children);
            case 1 -> new Condition.Any(children);
            default -> new Condition.Not(children.isEmpty() ? leaf() : children.getFirst());
        };
    }

    /** A random leaf the parser accepts (some operator and value combinations are refused, as they should be). */
    private Condition leaf() {
        while (true) {
            Condition leaf = anyLeaf();
            try {
                ConditionJson.parse(ConditionJson.toJson(leaf), fields);
                return leaf;
            } catch (InvalidConditionException e) {
                // draw again
            }
        }
    }

    private Condition anyLeaf() {
        List<SegmentField> all = new ArrayList<>(fields.fields());
        all.add(fields.find("attribute.size").orElseThrow());
        all.add(fields.find("attribute.colour").orElseThrow());
        all.add(fields.find("attribute.member").orElseThrow());
        SegmentField field = all.get(random.nextInt(all.size()));
        Operator operator =
                field.operators().get(random.nextInt(field.operators().size()));
        Supplier<Value> value = values(field, operator);
        int count = operator.arity() >= 0 ? operator.arity() : 1 + random.nextInt(3);
        List<Value> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(value.get());
        }
        if (operator == Operator.BETWEEN) {
            values.sort((a, b) -> compare(a, b));
        }
        Window window = null;
        if (field.windowed() && random.nextBoolean()) {
            window = random.nextBoolean()
                    ? new Window.LastDays(1 + random.nextInt(400))
                    : new Window.Between(today.minusDays(random.nextInt(400)), today.minusDays(random.nextInt(30)));
            if (window instanceof Window.Between b && b.to().isBefore(b.from())) {
                window = new Window.Between(b.to(), b.from());
            }
        }
        return new Condition.Leaf(field.key(), operator, values, window);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Value a, Value b) {
        return ((Comparable) a.raw()).compareTo(b.raw());
    }

    /**
     * Values drawn mostly from what the planted customers hold (as the evaluator sees them), so that conditions select
     * someone; a value no one holds now and then, and pieces of held texts for {@code contains}. Derived from the
     * field's description, so that a new field is covered without a word here.
     */
    private Supplier<Value> values(SegmentField field, Operator operator) {
        ValueType type = field.type();
        if (type == ValueType.ANY) {
            boolean ordered = switch (operator) {
                case LT, LTE, GT, GTE, BETWEEN -> true;
                default -> false;
            };
            return switch (field.key()) {
                case "attribute.size" -> () -> number(30, 50, 0);
                case "attribute.member" ->
                    ordered || operator == Operator.CONTAINS
                            ? () -> ordered ? number(0, 5, 0) : text(List.of("true", "rue"))
                            : () -> new Value.Flag(random.nextBoolean());
                default -> ordered ? () -> number(0, 5, 0) : () -> text(List.of("red", "Red", "blue", "ré"));
            };
        }
        if (type == ValueType.CHOICE) {
            return () -> text(field.choices());
        }
        if (type == ValueType.BOOLEAN) {
            return () -> new Value.Flag(random.nextBoolean());
        }
        List<Object> held = new ArrayList<>(heldValues(field));
        if (held.isEmpty()) {
            held.add(type == ValueType.NUMBER ? BigDecimal.ZERO : type == ValueType.DATE ? today : "none");
        }
        return () -> {
            Object value = held.get(random.nextInt(held.size()));
            return switch (value) {
                case BigDecimal number ->
                    new Value.Number(
                            random.nextInt(3) == 0
                                    ? number.add(BigDecimal.valueOf(random.nextInt(3) - 1)
                                            .movePointLeft(Math.max(number.scale(), 0)))
                                    : number);
                case LocalDate day -> new Value.Date(day.plusDays(random.nextInt(5) - 2));
                default -> {
                    String text = value.toString();
                    if (random.nextInt(12) == 0) {
                        yield new Value.Text("nobody-holds-this");
                    }
                    if (operator == Operator.CONTAINS && text.length() > 2) {
                        int from = random.nextInt(text.length() - 1);
                        String piece = text.substring(from, Math.min(text.length(), from + 1 + random.nextInt(4)));
                        yield new Value.Text(random.nextBoolean() ? piece.toUpperCase(java.util.Locale.ROOT) : piece);
                    }
                    yield new Value.Text(text);
                }
            };
        };
    }

    /** The distinct values the planted customers hold of a field, without a window; numbers as BigDecimal. */
    private Set<Object> heldValues(SegmentField field) {
        Set<Object> held = new LinkedHashSet<>();
        for (CustomerFacts customer : facts) {
            switch (field.source()) {
                case SegmentField.Source.Scalar scalar -> {
                    Object value = customer.columns().get(scalar.column());
                    Object derived =
                            value == null ? null : scalar.derivation().read().read(value, today);
                    if (derived != null) {
                        held.add(SegmentEvaluator.normalise(derived));
                    }
                }
                case SegmentField.Source.TextSet set ->
                    held.addAll(customer.sets().getOrDefault(set.column(), Set.of()));
                case SegmentField.Source.Terms terms ->
                    customer.terms().getOrDefault(terms.column(), List.of()).forEach(row -> held.add(row.value()));
                case SegmentField.Source.Tally tally -> {
                    BigDecimal total = BigDecimal.ZERO;
                    for (SegmentField.Receipt receipt : customer.receipts()) {
                        total = total.add(tally.column().amount().apply(receipt));
                        held.add(total);
                    }
                    held.add(BigDecimal.ZERO);
                }
                case SegmentField.Source.Attribute attribute -> {}
            }
        }
        return held;
    }

    private Value.Text text(List<String> choices) {
        return new Value.Text(choices.get(random.nextInt(choices.size())));
    }

    private Value.Number number(int low, int high, int scale) {
        BigDecimal value =
                BigDecimal.valueOf(low + random.nextDouble() * (high - low)).setScale(scale, RoundingMode.HALF_UP);
        return new Value.Number(value);
    }

    /**
     * Two campaigns with one step each; some planted customers contacted (on random days) and some of those with
     * random responses on random days, so that the campaign conditions select someone.
     */
    private void plantCampaignResponses(List<Long> customers) {
        for (int c = 0; c < 2; c++) {
            long campaign = jdbc.sql("""
                            insert into campaign (name, purpose, owner_username, status, created_by, created_at,
                                                  updated_at, launched_at)
                            values (:name, 'RETENTION', 'marketer', 'RUNNING', 'marketer', now(), now(), now())
                            returning id""")
                    .param("name", source + " campaign " + c)
                    .query(Long.class)
                    .single();
            long step =
                    jdbc.sql("""
                            insert into campaign_step (campaign_id, position, name, channel, coupon_value, status)
                            values (:campaign, 1, 'coupon', 'COUPON', 5, 'FROZEN') returning id""").param("campaign", campaign).query(Long.class).single();
            for (long customer : customers) {
                if (random.nextInt(3) > 0) {
                    continue;
                }
                boolean sent = random.nextInt(4) > 0;
                jdbc.sql("""
                                insert into campaign_member (step_id, customer_id, campaign_id, member_group,
                                                             send_status, sent_at)
                                values (:step, :customer, :campaign, 'TREATED', :status, :at)""")
                        .param("step", step)
                        .param("customer", customer)
                        .param("campaign", campaign)
                        .param("status", sent ? "SENT" : "PENDING")
                        .param("at", sent ? Timestamp.from(TEST_NOW.minusSeconds(86_400L * random.nextInt(400))) : null)
                        .update();
                for (int r = random.nextInt(4); r > 0; r--) {
                    List<String> kinds = List.of(
                            "DELIVERED", "OPENED", "CLICKED", "UNSUBSCRIBED", "BOUNCED", "CALL_OUTCOME", "REDEEMED");
                    jdbc.sql("""
                                    insert into campaign_response (step_id, customer_id, campaign_id, kind, at)
                                    values (:step, :customer, :campaign, :kind, :at)""")
                            .param("step", step)
                            .param("customer", customer)
                            .param("campaign", campaign)
                            .param("kind", kinds.get(random.nextInt(kinds.size())))
                            .param("at", Timestamp.from(TEST_NOW.minusSeconds(60L * random.nextInt(400 * 24 * 60))))
                            .update();
                }
            }
        }
    }

    private long insertCustomer(int n, List<Integer> stores, List<Integer> regions) {
        Map<String, Object> attributes = new HashMap<>();
        if (random.nextInt(3) > 0) {
            attributes.put("size", 30 + random.nextInt(20));
        }
        if (random.nextInt(3) > 0) {
            attributes.put("colour", List.of("red", "Red", "blue", "ré").get(random.nextInt(4)));
        }
        if (random.nextInt(3) > 0) {
            attributes.put("member", random.nextBoolean());
        }
        String json = attributes.entrySet().stream()
                .map(e ->
                        "\"" + e.getKey() + "\":" + (e.getValue() instanceof String s ? "\"" + s + "\"" : e.getValue()))
                .reduce((a, b) -> a + "," + b)
                .map(body -> "{" + body + "}")
                .orElse("{}");
        long id = jdbc.sql("""
                        insert into customer (external_id, first_name, last_name, gender, birth_date, email, phone,
                                              postal_code, city, region_id, income_band, occupation, education,
                                              home_store_id, owner_username, source, custom_attributes, created_at)
                        values (:externalId, :first, :last, :gender, :birth, :email, :phone, :postal, :city, :region,
                                :income, :occupation, :education, :store, :owner, :source, cast(:attributes as jsonb),
                                :created)
                        returning id""")
                .param("externalId", source + "-" + n)
                .param("first", "Diff" + n)
                .param("last", "Tester")
                .param("gender", maybe(List.of("F", "M", "X")))
                .param("birth", random.nextInt(5) == 0 ? null : today.minusDays(18 * 365 + random.nextInt(60 * 365)))
                .param("email", random.nextInt(4) == 0 ? null : "c" + n + "@example." + (n % 2 == 0 ? "com" : "net"))
                .param("phone", random.nextInt(4) == 0 ? null : "+1-555-" + (1000 + n))
                .param("postal", maybe(List.of("11001", "21001", "31002", "41003")))
                .param("city", maybe(CITIES))
                .param("region", random.nextInt(5) == 0 ? null : regions.get(random.nextInt(regions.size())))
                .param("income", maybe(List.of("LOW", "MIDDLE", "HIGH")))
                .param("occupation", maybe(OCCUPATIONS))
                .param("education", maybe(List.of("SECONDARY", "BACHELOR", "MASTER")))
                .param("store", random.nextInt(5) == 0 ? null : stores.get(random.nextInt(stores.size())))
                .param("owner", maybe(List.of("sales", "o'hara", "李经理")))
                .param("source", source)
                .param("attributes", json)
                .param(
                        "created",
                        Timestamp.from(today.minusDays(random.nextInt(1200))
                                .atStartOfDay(ZoneOffset.UTC)
                                .toInstant()))
                .query(Long.class)
                .single();
        for (String tag : TAGS) {
            if (random.nextInt(3) == 0) {
                jdbc.sql("insert into customer_tag (customer_id, tag, added_at) values (:id, :tag, now())")
                        .param("id", id)
                        .param("tag", tag)
                        .update();
            }
        }
        for (String channel : List.of("EMAIL", "SMS", "MAIL", "PHONE")) {
            if (random.nextInt(3) > 0) {
                jdbc.sql("insert into customer_consent (customer_id, channel, granted, source, recorded_at)"
                                + " values (:id, :channel, :granted, 'test', now())")
                        .param("id", id)
                        .param("channel", channel)
                        .param("granted", random.nextBoolean())
                        .update();
            }
        }
        return id;
    }

    private void insertReceipts(long customer, List<Map<String, Object>> products, List<Integer> stores) {
        int receipts = random.nextInt(7);
        for (int r = 0; r < receipts; r++) {
            LocalDate day = today.minusDays(1 + random.nextInt(500));
            String kind = random.nextInt(8) == 0 ? "RETURN" : random.nextInt(12) == 0 ? "CANCELLED" : "SALE";
            int sign = kind.equals("RETURN") ? -1 : 1;
            List<Map<String, Object>> lines = new ArrayList<>();
            Set<Integer> picked = new LinkedHashSet<>();
            for (int l = 0; l < 1 + random.nextInt(3); l++) {
                int index = random.nextInt(Math.min(20, products.size()));
                if (picked.add(index)) {
                    lines.add(products.get(index));
                }
            }
            BigDecimal total = BigDecimal.ZERO;
            BigDecimal cost = BigDecimal.ZERO;
            for (Map<String, Object> product : lines) {
                total = total.add(((BigDecimal) product.get("price")).multiply(BigDecimal.valueOf(sign)));
                cost = cost.add(((BigDecimal) product.get("cost")).multiply(BigDecimal.valueOf(sign)));
            }
            long sale = jdbc.sql("""
                            insert into sale (source, receipt_id, kind, store_id, customer_id, sold_at, total_amount,
                                              total_cost)
                            values (:source, :receipt, :kind, :store, :customer, :at, :total, :cost) returning id""")
                    .param("source", source)
                    .param("receipt", customer + "-" + r)
                    .param("kind", kind)
                    .param("store", stores.get(0))
                    .param("customer", customer)
                    .param(
                            "at",
                            Timestamp.from(
                                    day.atTime(10 + random.nextInt(10), 0).toInstant(ZoneOffset.UTC)))
                    .param("total", total)
                    .param("cost", cost)
                    .query(Long.class)
                    .single();
            int lineNo = 1;
            for (Map<String, Object> product : lines) {
                jdbc.sql("""
                                insert into sale_line (sale_id, line_no, product_id, quantity, unit_price, amount, unit_cost)
                                values (:sale, :line, :product, :quantity, :price, :amount, :cost)""")
                        .param("sale", sale)
                        .param("line", lineNo++)
                        .param("product", product.get("id"))
                        .param("quantity", sign)
                        .param("price", product.get("price"))
                        .param("amount", ((BigDecimal) product.get("price")).multiply(BigDecimal.valueOf(sign)))
                        .param("cost", product.get("cost"))
                        .update();
            }
        }
        jdbc.sql("update customer set (first_purchase_at, last_purchase_at) = (select min(sold_at), max(sold_at)"
                        + " from sale where customer_id = :id and kind = 'SALE') where id = :id")
                .param("id", customer)
                .update();
    }

    private <T> T maybe(List<T> choices) {
        return random.nextInt(5) == 0 ? null : choices.get(random.nextInt(choices.size()));
    }

    /**
     * The facts of the planted customers, read back from the database they were written to: each scalar, set and
     * term column by its description's SQL over the base tables (the evaluator then applies the derivations and
     * operators on its own), the receipts directly.
     */
    static final class FactsLoader {
        private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

        FactsLoader(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        List<CustomerFacts> load(String source, long runId, FieldRegistry fields) {
            Map<Long, Map<SegmentField.TermColumn, List<CustomerFacts.Held>>> terms = new HashMap<>();
            for (SegmentField.TermColumn column : fields.terms()) {
                jdbc.sql("select x.customer_id, x.value, (x.at at time zone 'UTC')::date as day from ("
                                + column.rows() + ") x(customer_id, value, at) join customer c on c.id ="
                                + " x.customer_id where c.source = :source")
                        .param("source", source)
                        .query(rs -> {
                            terms.computeIfAbsent(rs.getLong("customer_id"), k -> new HashMap<>())
                                    .computeIfAbsent(column, k -> new ArrayList<>())
                                    .add(new CustomerFacts.Held(
                                            rs.getString("value"), rs.getObject("day", LocalDate.class)));
                        });
            }
            Map<Long, Map<SegmentField.SetColumn, Set<String>>> sets = new HashMap<>();
            for (SegmentField.SetColumn column : fields.sets()) {
                // a set's rows may read the run's scores (churn cells), as the summary and the plain query bind it
                jdbc.sql("select x.customer_id, x.value from (" + column.rows() + ") x(customer_id, value)"
                                + " join customer c on c.id = x.customer_id where c.source = :source")
                        .param("source", source)
                        .param("run", runId)
                        .query(rs -> {
                            sets.computeIfAbsent(rs.getLong("customer_id"), k -> new HashMap<>())
                                    .computeIfAbsent(column, k -> new HashSet<>())
                                    .add(rs.getString("value"));
                        });
            }
            Map<Long, List<SegmentField.Receipt>> receipts = new HashMap<>();
            jdbc.sql("""
                            select b.customer_id, (b.sold_at at time zone 'UTC')::date as day, b.kind, b.total_amount
                            from sale b join customer c on c.id = b.customer_id
                            where c.source = :source and b.kind <> 'CANCELLED'""").param("source", source).query(rs -> {
                receipts.computeIfAbsent(rs.getLong("customer_id"), k -> new ArrayList<>())
                        .add(new SegmentField.Receipt(
                                rs.getObject("day", LocalDate.class),
                                rs.getString("kind"),
                                rs.getBigDecimal("total_amount")));
            });
            List<SegmentField.Column> columns = fields.columns();
            StringBuilder select = new StringBuilder("select c.id, c.custom_attributes::text as attributes_json");
            for (int i = 0; i < columns.size(); i++) {
                select.append(", ").append(columns.get(i).sql()).append(" as v").append(i);
            }
            return jdbc.sql(select + " from customer c left join customer_score s on s.customer_id = c.id"
                            + " and s.run_id = :run where c.source = :source order by c.id")
                    .param("source", source)
                    .param("run", runId)
                    .param("zone", "UTC")
                    .query((rs, row) -> {
                        long id = rs.getLong("id");
                        Map<SegmentField.Column, Object> values = new HashMap<>();
                        for (int i = 0; i < columns.size(); i++) {
                            Object value = switch (columns.get(i).type()) {
                                case TEXT -> rs.getString("v" + i);
                                case FLAG -> rs.getObject("v" + i, Boolean.class);
                                case DAY -> rs.getObject("v" + i, LocalDate.class);
                                case NUMBER -> rs.getBigDecimal("v" + i);
                            };
                            if (value != null) {
                                values.put(columns.get(i), value);
                            }
                        }
                        return new CustomerFacts(
                                id,
                                values,
                                sets.getOrDefault(id, Map.of()),
                                attributes(rs.getString("attributes_json")),
                                receipts.getOrDefault(id, List.of()),
                                terms.getOrDefault(id, Map.of()));
                    })
                    .list();
        }

        private static String[] strings(java.sql.Array array) throws java.sql.SQLException {
            return (String[]) array.getArray();
        }

        private static Map<String, Object> attributes(String json) {
            Map<String, Object> attributes = new HashMap<>();
            tools.jackson.databind.JsonNode node =
                    tools.jackson.databind.json.JsonMapper.builder().build().readTree(json);
            node.properties()
                    .forEach(e -> attributes.put(
                            e.getKey(),
                            e.getValue().isNumber()
                                    ? e.getValue().decimalValue()
                                    : e.getValue().isBoolean()
                                            ? (Object) e.getValue().asBoolean()
                                            : e.getValue().asString()));
            return attributes;
        }
    }
}
