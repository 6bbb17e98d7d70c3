package io.clientele.merchandising;

import io.clientele.platform.ConflictException;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import io.clientele.segment.Condition;
import io.clientele.segment.Operator;
import io.clientele.segment.SavedSegment;
import io.clientele.segment.SavedSegments;
import io.clientele.segment.SegmentNameTakenException;
import io.clientele.segment.Value;
import io.clientele.segment.Window;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A rule turned into a cross-sell audience: the customers who bought the antecedent in the rule's days but never
 * the consequent, saved as a dynamic segment (so it follows later purchases) through the segment feature's
 * {@code bought_product|brand|category} fields.
 */
@Service
public class CrossSellSegments {
    /** A level's segment field and the SQL that lists its known values (fixed here, never from input). */
    private static final java.util.Map<BasketLevel, String[]> FIELDS = java.util.Map.of(
            BasketLevel.PRODUCT,
            new String[] {"bought_product", "select sku from product where sku = any(:items)"},
            BasketLevel.BRAND,
            new String[] {"bought_brand", "select distinct brand from product where brand = any(:items)"},
            BasketLevel.CATEGORY,
            new String[] {"bought_category", "select distinct category from product where category = any(:items)"});

    private static final int MAX_ITEMS = 5;
    private static final int MAX_ITEM_LENGTH = 200;

    private final SavedSegments segments;
    private final JdbcClient jdbc;
    private final Clock clock;

    CrossSellSegments(SavedSegments segments, JdbcClient jdbc, Clock clock) {
        this.segments = segments;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The segment, and whether this call created it (an equal one, by name and condition, is answered as it is). */
    public record Created(SavedSegment segment, boolean created) {}

    public Created create(
            @Nullable String level,
            @Nullable List<String> bought,
            @Nullable List<String> notBought,
            @Nullable String from,
            @Nullable String to) {
        List<FieldProblem> problems = new ArrayList<>();
        BasketLevel chosen = InputFields.oneOf("level", level, BasketLevel.class, problems);
        Days days = Days.parse(from, to, LocalDate.now(clock), BasketQuery.DEFAULT_DAYS, problems);
        List<String> antecedent = items("bought", bought, problems);
        List<String> consequent = items("notBought", notBought, problems);
        if (antecedent.stream().anyMatch(consequent::contains)) {
            problems.add(FieldProblem.of("notBought", "merchandising.bothSides"));
        }
        if (chosen != null && problems.isEmpty()) {
            known(chosen, "bought", antecedent, problems);
            known(chosen, "notBought", consequent, problems);
        }
        if (!problems.isEmpty() || chosen == null) throw new InvalidInputException(problems);
        String field = FIELDS.get(chosen)[0];
        Condition condition = new Condition.All(List.of(
                new Condition.Leaf(
                        field, Operator.HAS_ALL, texts(antecedent), new Window.Between(days.from(), days.to())),
                new Condition.Leaf(field, Operator.HAS_NONE, texts(consequent), null)));
        String name = "Bought " + String.join(" + ", antecedent) + " (" + days.from() + " – " + days.to() + ") but not "
                + String.join(" + ", consequent);
        if (name.length() > 200) name = name.substring(0, 199) + "…";
        try {
            SavedSegments.Saved saved = segments.create(new SavedSegments.Draft(
                    name, "Cross-sell from a market-basket rule", SavedSegment.Kind.DYNAMIC, condition));
            return new Created(saved.segment(), saved.created());
        } catch (SegmentNameTakenException e) {
            throw new ConflictException("A segment named \"" + name + "\" exists with another condition");
        }
    }

    private static List<String> items(String field, @Nullable List<String> given, List<FieldProblem> problems) {
        Set<String> items = new LinkedHashSet<>();
        for (String text : given == null ? List.<String>of() : given) {
            String item = InputFields.trimmed(text);
            if (item == null) continue;
            InputFields.printable(field, item, problems);
            if (item.length() > MAX_ITEM_LENGTH)
                problems.add(FieldProblem.of(field, "validation.length", MAX_ITEM_LENGTH));
            items.add(item);
        }
        if (items.isEmpty()) problems.add(FieldProblem.of(field, "validation.required"));
        if (items.size() > MAX_ITEMS) problems.add(FieldProblem.of(field, "validation.between", 1, MAX_ITEMS));
        return List.copyOf(items);
    }

    private void known(BasketLevel level, String field, List<String> items, List<FieldProblem> problems) {
        Set<String> found = Set.copyOf(jdbc.sql(FIELDS.get(level)[1])
                .param("items", items.toArray(String[]::new))
                .query(String.class)
                .list());
        List<String> unknown =
                items.stream().filter(item -> !found.contains(item)).toList();
        if (!unknown.isEmpty()) problems.add(FieldProblem.of(field, "validation.unknown", String.join(", ", unknown)));
    }

    private static List<Value> texts(List<String> items) {
        return items.stream().<Value>map(Value.Text::new).toList();
    }
}
