package io.clientele.segment.audience;

import io.clientele.analytics.audience.AudienceIndex;
import io.clientele.analytics.audience.CodedColumn;
import io.clientele.analytics.audience.LongRange;
import io.clientele.analytics.audience.ScaledColumn;
import io.clientele.analytics.audience.Slices;
import io.clientele.segment.Condition;
import io.clientele.segment.Condition.All;
import io.clientele.segment.Condition.Any;
import io.clientele.segment.Condition.Leaf;
import io.clientele.segment.Condition.Not;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.Operator;
import io.clientele.segment.SegmentEvaluator;
import io.clientele.segment.SegmentField;
import io.clientele.segment.SegmentField.Source;
import io.clientele.segment.Value;
import io.clientele.segment.sql.SegmentSql;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Selects the positions of an {@link AudienceIndex} a condition holds for, by the same rules as {@link SegmentSql}
 * over the summary and {@link SegmentEvaluator}: groups narrow a candidate set (an AND's cheap leaves first, an OR
 * asks each branch only about the customers no earlier branch took), and each leaf is one kernel over the candidates.
 * Fields the index does not hold (addresses, custom attributes, other features' rows) make {@link #answers} false.
 */
public final class AudienceQuery {
    /** An index smaller than two of these is selected on one thread: a range costs a copy of the candidates. */
    private static final int POSITIONS_PER_RANGE = 1 << 18;

    private final AudienceLoader.Loaded loaded;
    private final AudienceIndex index;
    private final FieldRegistry fields;
    private final LocalDate today;
    private final int positionsPerRange;

    public AudienceQuery(AudienceLoader.Loaded loaded, FieldRegistry fields, LocalDate today) {
        this(loaded, fields, today, POSITIONS_PER_RANGE);
    }

    /** With ranges of another size: tests cut a small index into many. */
    public AudienceQuery(AudienceLoader.Loaded loaded, FieldRegistry fields, LocalDate today, int positionsPerRange) {
        this.loaded = loaded;
        this.index = loaded.index();
        this.fields = fields;
        this.today = today;
        this.positionsPerRange = positionsPerRange;
    }

    /** Whether every leaf names a field the index holds. */
    public boolean answers(Condition condition) {
        return switch (condition) {
            case All all -> all.conditions().stream().allMatch(this::answers);
            case Any any -> any.conditions().stream().allMatch(this::answers);
            case Not not -> answers(not.condition());
            case Leaf leaf ->
                fields.find(leaf.field())
                        .map(field -> switch (field.source()) {
                            case Source.Scalar scalar ->
                                switch (scalar.column().memory()) {
                                    case CODED -> true;
                                    // a range over unscaled numbers: the column's own values only
                                    case SCALED -> scalar.derivation().isSame();
                                    case NONE -> false;
                                };
                            case Source.TextSet set -> true;
                            case Source.Tally tally -> true;
                            case Source.Terms terms -> true;
                            case Source.Attribute attribute -> false;
                        })
                        .orElse(false);
        };
    }

    /**
     * The positions of {@code candidates} the condition holds for, in a set of its own (the candidates are left as
     * they are); {@link #answers} must be true. A tree decides each position alone, so a large index is cut into
     * ranges of positions selected at once, one per core.
     */
    public BitSet select(Condition condition, BitSet candidates) {
        int size = index.size();
        int ranges = Math.min(Runtime.getRuntime().availableProcessors(), size / positionsPerRange);
        if (ranges < 2) {
            // an empty ALL answers with its candidates themselves
            return evaluate(condition, (BitSet) candidates.clone());
        }
        int step = (size / ranges + 63) & ~63;
        return IntStream.range(0, ranges)
                .parallel()
                .mapToObj(range -> {
                    BitSet part = (BitSet) candidates.clone();
                    part.clear(0, Math.min(size, range * step));
                    part.clear(Math.min(size, (range + 1) * step), Math.max(size, part.length()));
                    return evaluate(condition, part);
                })
                .reduce((a, b) -> {
                    a.or(b);
                    return a;
                })
                .orElseGet(BitSet::new);
    }

    private BitSet evaluate(Condition condition, BitSet candidates) {
        return switch (condition) {
            case All all -> {
                BitSet current = candidates;
                for (Condition child : cheapestFirst(all.conditions())) {
                    if (current.isEmpty()) {
                        break;
                    }
                    current = evaluate(child, current);
                }
                yield current;
            }
            case Any any -> {
                BitSet taken = new BitSet(index.size());
                BitSet remaining = (BitSet) candidates.clone();
                for (Condition child : cheapestFirst(any.conditions())) {
                    if (remaining.isEmpty()) {
                        break;
                    }
                    BitSet hits = evaluate(child, remaining);
                    taken.or(hits);
                    remaining.andNot(hits);
                }
                yield taken;
            }
            case Not not -> {
                BitSet out = (BitSet) candidates.clone();
                out.andNot(evaluate(not.condition(), candidates));
                yield out;
            }
            case Leaf leaf -> leaf(leaf, candidates);
        };
    }

    private BitSet leaf(Leaf leaf, BitSet candidates) {
        SegmentField field = fields.find(leaf.field()).orElseThrow();
        return switch (field.source()) {
            case Source.Scalar scalar ->
                scalar.column().memory() == SegmentField.Memory.SCALED
                        ? scaled(scalar.column().name(), leaf, candidates)
                        : coded(scalar, leaf, candidates);
            case Source.TextSet set ->
                set(slices(set.column().name()), setRanges(set.column(), leaf), leaf, candidates);
            case Source.Terms terms ->
                set(slices(terms.column().name()), termRanges(terms.column(), leaf), leaf, candidates);
            case Source.Tally tally -> growth(tally.column(), leaf, candidates);
            case Source.Attribute attribute -> throw new IllegalStateException("not in the index: " + field.key());
        };
    }

    /** Decides the leaf once per distinct value, by the evaluator's comparison, then looks each candidate up. */
    private BitSet coded(Source.Scalar scalar, Leaf leaf, BitSet candidates) {
        CodedColumn column = index.coded(scalar.column().name())
                .orElseThrow(() ->
                        new IllegalStateException("no column " + scalar.column().name()));
        boolean[] matching = new boolean[column.codes()];
        for (int code = 0; code < matching.length; code++) {
            Object value = column.value(code);
            matching[code] = SegmentEvaluator.compare(
                    SegmentEvaluator.normalise(
                            value == null ? null : scalar.derivation().read().read(value, today)),
                    leaf);
        }
        return column.select(candidates, matching);
    }

    private BitSet scaled(String key, Leaf leaf, BitSet candidates) {
        ScaledColumn column = index.scaled(key).orElseThrow();
        return switch (leaf.operator()) {
            case IS_SET -> column.selectSet(candidates, true);
            case IS_NOT_SET -> column.selectSet(candidates, false);
            case NEQ -> column.select(candidates, range(leaf, column.scale()), true);
            default -> column.select(candidates, range(leaf, column.scale()), false);
        };
    }

    /** A tally's leaf: the running total's growth over the window's days, compared. */
    private BitSet growth(SegmentField.TallyColumn tally, Leaf leaf, BitSet candidates) {
        int after = Integer.MIN_VALUE;
        int upTo = Integer.MAX_VALUE;
        if (leaf.window() != null) {
            after = (int) leaf.window().firstDay(today).toEpochDay() - 1;
            upTo = (int) leaf.window().lastDay(today).toEpochDay();
        }
        return slices(AudienceLoader.DAYS)
                .selectGrowth(
                        candidates,
                        index.totals(tally.name()).orElseThrow(),
                        after,
                        upTo,
                        range(leaf, tally.scale()),
                        leaf.operator() == Operator.NEQ);
    }

    /** A comparison of a number as a range of unscaled values (NEQ: the range of EQ, taken outside). */
    private static LongRange range(Leaf leaf, int scale) {
        List<Value> values = leaf.values();
        BigDecimal first = values.isEmpty() ? BigDecimal.ZERO : ((Value.Number) values.getFirst()).value();
        return switch (leaf.operator()) {
            case EQ, NEQ -> LongRange.exactly(first, scale);
            case LT -> LongRange.below(first, scale);
            case LTE -> LongRange.atMost(first, scale);
            case GT -> LongRange.above(first, scale);
            case GTE -> LongRange.atLeast(first, scale);
            case BETWEEN -> LongRange.between(first, ((Value.Number) values.get(1)).value(), scale);
            default -> throw new IllegalStateException(leaf.operator() + " on a number");
        };
    }

    /**
     * Has any, all or none of the values: each value a range of the slices' ints (null when it can never be held:
     * an unknown tag or product).
     */
    private BitSet set(Slices slices, List<int @Nullable []> ranges, Leaf leaf, BitSet candidates) {
        List<int[]> known = ranges.stream().filter(r -> r != null).toList();
        int[] lows = known.stream().mapToInt(r -> r[0]).toArray();
        int[] highs = known.stream().mapToInt(r -> r[1]).toArray();
        return switch (leaf.operator()) {
            case HAS_ANY -> slices.selectAny(candidates, lows, highs);
            case HAS_ALL -> known.size() < ranges.size() ? new BitSet() : slices.selectAll(candidates, lows, highs);
            case HAS_NONE -> {
                BitSet out = (BitSet) candidates.clone();
                out.andNot(slices.selectAny(candidates, lows, highs));
                yield out;
            }
            default -> throw new IllegalStateException(leaf.operator() + " on a set");
        };
    }

    private List<int @Nullable []> setRanges(SegmentField.SetColumn set, Leaf leaf) {
        List<int @Nullable []> ranges = new ArrayList<>();
        for (Value value : new LinkedHashSet<>(leaf.values())) {
            Integer code = loaded.setCode(set, ((Value.Text) value).value());
            ranges.add(code == null ? null : new int[] {code, code});
        }
        return ranges;
    }

    /** The tokens {@code code * span + day offset} of each value within the window, clamped to the summary's days. */
    private List<int @Nullable []> termRanges(SegmentField.TermColumn terms, Leaf leaf) {
        AudienceLoader.Version version = loaded.version();
        long span = version.span();
        long low = 0;
        long high = span - 1;
        if (leaf.window() != null) {
            low = Math.max(
                    ChronoUnit.DAYS.between(version.firstDay(), leaf.window().firstDay(today)), 0);
            high = Math.min(
                    ChronoUnit.DAYS.between(version.firstDay(), leaf.window().lastDay(today)), span - 1);
        }
        List<int @Nullable []> ranges = new ArrayList<>();
        for (Value value : new LinkedHashSet<>(leaf.values())) {
            Integer code = loaded.term(terms, ((Value.Text) value).value());
            // an empty window still names a value a customer can hold: an empty range, never "unknown"
            ranges.add(code == null ? null : new int[] {(int) (code * span + low), (int) (code * span + high)});
        }
        return ranges;
    }

    private Slices slices(String name) {
        return index.slices(name).orElseThrow(() -> new IllegalStateException("no slices " + name));
    }

    /** Leaves on one value per customer first, behaviour next, groups last: each narrows what the next reads. */
    private List<Condition> cheapestFirst(List<Condition> conditions) {
        return conditions.stream().sorted(Comparator.comparingInt(this::cost)).toList();
    }

    private int cost(Condition condition) {
        if (!(condition instanceof Leaf leaf)) {
            return 3;
        }
        return fields.find(leaf.field())
                .map(field -> field.source() instanceof Source.Scalar ? 1 : 2)
                .orElse(3);
    }
}
