package io.clientele.segment;

import io.clientele.segment.SegmentField.Category;
import io.clientele.segment.SegmentField.Column;
import io.clientele.segment.SegmentField.SetColumn;
import io.clientele.segment.SegmentField.Source;
import io.clientele.segment.SegmentField.TallyColumn;
import io.clientele.segment.SegmentField.TermColumn;
import io.clientele.segment.SegmentField.ValueType;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The fields segments can use: the {@link StandardFields} and those other features add at start-up. Conditions name
 * fields only by these keys; the SQL of a field is its description's, never taken from a condition. Custom attributes
 * are {@code attribute.<name>} for any name of their pattern. The summary's columns and the audience index's are the
 * registered fields' storage ({@link #columns}, {@link #sets}, {@link #tallies}, {@link #terms}).
 */
@Component
public class FieldRegistry {
    static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final String ATTRIBUTE_PREFIX = "attribute.";
    private static final List<Operator> ATTRIBUTE = List.of(
            Operator.EQ,
            Operator.NEQ,
            Operator.IN,
            Operator.NOT_IN,
            Operator.LT,
            Operator.LTE,
            Operator.GT,
            Operator.GTE,
            Operator.BETWEEN,
            Operator.CONTAINS,
            Operator.IS_SET,
            Operator.IS_NOT_SET);

    private final Map<String, SegmentField> fields = new LinkedHashMap<>();

    public FieldRegistry() {
        StandardFields.all().forEach(this::add);
    }

    /** The registered fields, in the order the builder lists them (custom attributes are not listed). */
    public Collection<SegmentField> fields() {
        return fields.values();
    }

    /** A field by key; {@code attribute.<name>} for a custom attribute. */
    public Optional<SegmentField> find(String key) {
        SegmentField field = fields.get(key);
        if (field != null) {
            return Optional.of(field);
        }
        if (key.startsWith(ATTRIBUTE_PREFIX)
                && ATTRIBUTE_NAME
                        .matcher(key.substring(ATTRIBUTE_PREFIX.length()))
                        .matches()) {
            return Optional.of(new SegmentField(
                    key,
                    Category.PROFILE,
                    ValueType.ANY,
                    ATTRIBUTE,
                    false,
                    null,
                    List.of(),
                    null,
                    new Source.Attribute(key.substring(ATTRIBUTE_PREFIX.length()))));
        }
        return Optional.empty();
    }

    /**
     * Another feature's field (the campaign feature adds its response conditions here), at start-up: the summary's
     * migration must have the column its source names.
     */
    public synchronized void add(SegmentField field) {
        if (fields.containsKey(field.key())) {
            throw new IllegalStateException("a segment field '" + field.key() + "' is already registered");
        }
        for (SegmentField other : fields.values()) {
            if (name(storage(other)).equals(name(storage(field)))
                    && !storage(other).equals(storage(field))) {
                throw new IllegalStateException("segment fields '" + other.key() + "' and '" + field.key()
                        + "' store different values in " + name(storage(field)));
            }
        }
        fields.put(field.key(), field);
    }

    /** What a field's source stores: fields may share it (age and age band read one birth date column). */
    private static Object storage(SegmentField field) {
        return switch (field.source()) {
            case Source.Scalar scalar -> scalar.column();
            case Source.TextSet set -> set.column();
            case Source.Tally tally -> tally.column();
            case Source.Terms terms -> terms.column();
            case Source.Attribute attribute -> attribute;
        };
    }

    private static String name(Object storage) {
        return switch (storage) {
            case Column column -> column.name();
            case SetColumn set -> set.name();
            case TallyColumn tally -> tally.name();
            case TermColumn terms -> terms.name();
            default -> storage.toString();
        };
    }

    /** The scalar columns of the registered fields, each once, in the order of the fields. */
    public List<Column> columns() {
        return distinct(source -> source instanceof Source.Scalar scalar ? scalar.column() : null);
    }

    public List<SetColumn> sets() {
        return distinct(source -> source instanceof Source.TextSet set ? set.column() : null);
    }

    public List<TallyColumn> tallies() {
        return distinct(source -> source instanceof Source.Tally tally ? tally.column() : null);
    }

    public List<TermColumn> terms() {
        return distinct(source -> source instanceof Source.Terms terms ? terms.column() : null);
    }

    private synchronized <T> List<T> distinct(Function<Source, @Nullable T> storage) {
        LinkedHashSet<T> all = new LinkedHashSet<>();
        for (SegmentField field : fields.values()) {
            T item = storage.apply(field.source());
            if (item != null) {
                all.add(item);
            }
        }
        return List.copyOf(all);
    }
}
