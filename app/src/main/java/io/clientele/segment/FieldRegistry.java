package io.clientele.segment;

import static io.clientele.segment.Operator.*;

import io.clientele.analytics.value.MatrixClass;
import io.clientele.analytics.value.RfmSegment;
import io.clientele.analytics.value.SatisfactionLevel;
import io.clientele.analytics.value.ValueGrade;
import io.clientele.customer.Education;
import io.clientele.customer.Gender;
import io.clientele.customer.IncomeBand;
import io.clientele.segment.SegmentField.Category;
import io.clientele.segment.SegmentField.Level;
import io.clientele.segment.SegmentField.Source;
import io.clientele.segment.SegmentField.ValueType;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The fields segments can use. Conditions name fields only by these keys; the SQL of a field is written here, never
 * taken from a condition. Custom attributes are {@code attribute.<name>} for any name of their pattern.
 */
@Component
public class FieldRegistry {
    static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final String ATTRIBUTE_PREFIX = "attribute.";
    private static final List<Operator> TEXT = List.of(EQ, NEQ, IN, NOT_IN, CONTAINS, IS_SET, IS_NOT_SET);
    private static final List<Operator> CHOICE = List.of(EQ, NEQ, IN, NOT_IN, IS_SET, IS_NOT_SET);
    private static final List<Operator> ORDERED = List.of(EQ, NEQ, LT, LTE, GT, GTE, BETWEEN, IS_SET, IS_NOT_SET);
    private static final List<Operator> COUNT = List.of(EQ, NEQ, LT, LTE, GT, GTE, BETWEEN);
    private static final List<Operator> SET = List.of(HAS_ANY, HAS_ALL, HAS_NONE);
    private static final List<Operator> FLAG = List.of(EQ);
    private static final List<Operator> ATTRIBUTE =
            List.of(EQ, NEQ, IN, NOT_IN, LT, LTE, GT, GTE, BETWEEN, CONTAINS, IS_SET, IS_NOT_SET);

    private final Map<String, SegmentField> fields = new LinkedHashMap<>();

    public FieldRegistry() {
        profile("gender", ValueType.CHOICE, CHOICE, null, names(Gender.values()), "c.gender", CustomerFacts::gender);
        add(new SegmentField(
                "age",
                Category.PROFILE,
                ValueType.NUMBER,
                ORDERED,
                false,
                null,
                List.of(),
                new Source.Scalar(
                        "extract(year from age(:today, c.birth_date))::int",
                        (f, today) -> f.birthDate() == null
                                ? null
                                : Period.between(f.birthDate(), today).getYears())));
        profile(
                "income_band",
                ValueType.CHOICE,
                CHOICE,
                null,
                names(IncomeBand.values()),
                "c.income_band",
                CustomerFacts::incomeBand);
        profile(
                "education",
                ValueType.CHOICE,
                CHOICE,
                null,
                names(Education.values()),
                "c.education",
                CustomerFacts::education);
        profile(
                "occupation",
                ValueType.TEXT,
                TEXT,
                "occupations",
                List.of(),
                "c.occupation",
                CustomerFacts::occupation);
        profile(
                "region",
                ValueType.TEXT,
                TEXT,
                "regions",
                List.of(),
                "(select code from region where id = c.region_id)",
                CustomerFacts::region);
        profile("city", ValueType.TEXT, TEXT, "cities", List.of(), "c.city", CustomerFacts::city);
        profile("postal_code", ValueType.TEXT, TEXT, null, List.of(), "c.postal_code", CustomerFacts::postalCode);
        profile(
                "home_store",
                ValueType.TEXT,
                TEXT,
                "stores",
                List.of(),
                "(select code from store where id = c.home_store_id)",
                CustomerFacts::homeStore);
        profile("email", ValueType.TEXT, TEXT, null, List.of(), "c.email", CustomerFacts::email);
        profile("phone", ValueType.TEXT, TEXT, null, List.of(), "c.phone", CustomerFacts::phone);
        profile(
                "customer_since",
                ValueType.DATE,
                ORDERED,
                null,
                List.of(),
                "(c.created_at at time zone :zone)::date",
                CustomerFacts::customerSince);
        add(new SegmentField(
                "tag", Category.PROFILE, ValueType.TEXT, SET, false, "tags", List.of(), new Source.Tags()));
        for (String channel : List.of("EMAIL", "SMS", "MAIL", "PHONE")) {
            add(new SegmentField(
                    "consent_" + channel.toLowerCase(java.util.Locale.ROOT),
                    Category.PROFILE,
                    ValueType.BOOLEAN,
                    FLAG,
                    false,
                    null,
                    List.of(),
                    new Source.Consent(channel)));
        }

        score("grade", ValueType.CHOICE, CHOICE, names(ValueGrade.values()), "s.grade", s -> s.grade());
        score(
                "rfm_segment",
                ValueType.CHOICE,
                CHOICE,
                names(RfmSegment.values()),
                "s.rfm_segment",
                s -> s.rfmSegment());
        score("r", ValueType.NUMBER, ORDERED, List.of(), "s.r", s -> s.r());
        score("f", ValueType.NUMBER, ORDERED, List.of(), "s.f", s -> s.f());
        score("m", ValueType.NUMBER, ORDERED, List.of(), "s.m", s -> s.m());
        score("loyalty", ValueType.NUMBER, ORDERED, List.of(), "s.loyalty", s -> s.loyalty());
        score("churned", ValueType.BOOLEAN, FLAG, List.of(), "s.churned", s -> s.churned());
        score("satisfaction", ValueType.NUMBER, ORDERED, List.of(), "s.satisfaction", s -> s.satisfaction());
        score(
                "satisfaction_level",
                ValueType.CHOICE,
                CHOICE,
                names(SatisfactionLevel.values()),
                "s.satisfaction_level",
                s -> s.satisfactionLevel());
        score(
                "matrix_class",
                ValueType.CHOICE,
                CHOICE,
                names(MatrixClass.values()),
                "s.matrix_class",
                s -> s.matrixClass());
        score("p_alive", ValueType.NUMBER, ORDERED, List.of(), "s.p_alive", s -> s.probabilityAlive());
        score("clv", ValueType.NUMBER, ORDERED, List.of(), "s.clv_12m", s -> s.lifetimeValue());

        behaviour("bought_product", ValueType.TEXT, SET, "products", new Source.Bought(Level.PRODUCT));
        behaviour("bought_brand", ValueType.TEXT, SET, "brands", new Source.Bought(Level.BRAND));
        behaviour("bought_category", ValueType.TEXT, SET, "categories", new Source.Bought(Level.CATEGORY));
        behaviour("purchases", ValueType.NUMBER, COUNT, null, new Source.Purchases());
        behaviour("amount_spent", ValueType.NUMBER, COUNT, null, new Source.Spent());
        add(new SegmentField(
                "days_since_last_purchase",
                Category.BEHAVIOUR,
                ValueType.NUMBER,
                ORDERED,
                false,
                null,
                List.of(),
                new Source.Scalar(
                        "(:today - (c.last_purchase_at at time zone :zone)::date)",
                        (f, today) ->
                                f.lastPurchase() == null ? null : ChronoUnit.DAYS.between(f.lastPurchase(), today))));
    }

    private static List<String> names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Enum::name).toList();
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
                    new Source.Attribute(key.substring(ATTRIBUTE_PREFIX.length()))));
        }
        return Optional.empty();
    }

    /** Another feature's field (the campaign feature adds its response conditions here). */
    public void add(SegmentField field) {
        if (fields.putIfAbsent(field.key(), field) != null) {
            throw new IllegalStateException("a segment field '" + field.key() + "' is already registered");
        }
    }

    private void profile(
            String key,
            ValueType type,
            List<Operator> operators,
            @Nullable String picker,
            List<String> choices,
            String sql,
            Function<CustomerFacts, @Nullable Object> read) {
        add(new SegmentField(
                key,
                Category.PROFILE,
                type,
                operators,
                false,
                picker,
                choices,
                new Source.Scalar(sql, (f, today) -> read.apply(f))));
    }

    private void score(
            String key,
            ValueType type,
            List<Operator> operators,
            List<String> choices,
            String sql,
            Function<CustomerFacts.Scores, @Nullable Object> read) {
        add(new SegmentField(
                key,
                Category.SCORE,
                type,
                operators,
                false,
                null,
                choices,
                new Source.Scalar(sql, (f, today) -> read.apply(f.scores()))));
    }

    private void behaviour(
            String key, ValueType type, List<Operator> operators, @Nullable String picker, Source source) {
        add(new SegmentField(key, Category.BEHAVIOUR, type, operators, true, picker, List.of(), source));
    }
}
