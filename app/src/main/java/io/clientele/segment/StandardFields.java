package io.clientele.segment;

import static io.clientele.segment.Operator.*;

import io.clientele.analytics.value.MatrixClass;
import io.clientele.analytics.value.RfmSegment;
import io.clientele.analytics.value.SatisfactionLevel;
import io.clientele.analytics.value.ValueGrade;
import io.clientele.customer.Education;
import io.clientele.customer.Gender;
import io.clientele.customer.IncomeBand;
import io.clientele.insight.ClvBands;
import io.clientele.segment.SegmentField.Category;
import io.clientele.segment.SegmentField.Column;
import io.clientele.segment.SegmentField.ColumnType;
import io.clientele.segment.SegmentField.Derivation;
import io.clientele.segment.SegmentField.SetColumn;
import io.clientele.segment.SegmentField.Source;
import io.clientele.segment.SegmentField.TallyColumn;
import io.clientele.segment.SegmentField.TermColumn;
import io.clientele.segment.SegmentField.ValueType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The fields every installation has: profile, consents, tags, scores and purchase behaviour, each described once
 * (see {@link SegmentField}). Other features add theirs through {@link FieldRegistry#add}.
 */
public final class StandardFields {
    static final List<Operator> TEXT = List.of(EQ, NEQ, IN, NOT_IN, CONTAINS, IS_SET, IS_NOT_SET);
    /** What a text from a list takes (no {@code contains}). */
    public static final List<Operator> CHOICE = List.of(EQ, NEQ, IN, NOT_IN, IS_SET, IS_NOT_SET);
    /** What a number or a day takes. */
    public static final List<Operator> ORDERED = List.of(EQ, NEQ, LT, LTE, GT, GTE, BETWEEN, IS_SET, IS_NOT_SET);

    static final List<Operator> COUNT = List.of(EQ, NEQ, LT, LTE, GT, GTE, BETWEEN);
    /** What a set of values takes: has any, all or none of the condition's. */
    public static final List<Operator> SET = List.of(HAS_ANY, HAS_ALL, HAS_NONE);

    static final List<Operator> FLAG = List.of(EQ);

    /** Whole years from a day to today, as SQL's {@code age} counts them. */
    static final Derivation YEARS_SINCE = new Derivation(
            day -> "extract(year from age(:today, " + day + "))::int",
            (day, today) -> Period.between((LocalDate) day, today).getYears());

    /** Days from a day to today. */
    static final Derivation DAYS_SINCE = new Derivation(
            day -> "(:today - " + day + ")", (day, today) -> ChronoUnit.DAYS.between((LocalDate) day, today));

    /** The day of a timestamp of the customer in the zone days are counted in. */
    private static String day(String timestamp) {
        return "(" + timestamp + " at time zone :zone)::date";
    }

    static final Column BIRTH_DATE = Column.coded("birth_date", ColumnType.DAY, "c.birth_date");
    static final Column LAST_PURCHASE = Column.coded("last_purchase", ColumnType.DAY, day("c.last_purchase_at"));
    /** The scores the member lists sort by, held in memory so that a page is a lookup. */
    public static final Column CLV = Column.scaled("clv_12m", 2, "s.clv_12m");

    public static final Column P_ALIVE = Column.scaled("p_alive", 5, "s.p_alive");

    /** Age bands of a marketer's reports: a customer's whole years on the day, as {@link #YEARS_SINCE} counts them. */
    static final Bands AGE_BANDS = new Bands(
            YEARS_SINCE,
            List.of(18, 25, 35, 45, 55, 65),
            List.of("UNDER_18", "18_24", "25_34", "35_44", "45_54", "55_64", "65_PLUS"));

    /**
     * Bands of a whole number derived from a column: {@code labels[i]} holds the numbers below {@code bounds[i]} (and at
     * or above the bound before), the last label the rest.
     */
    record Bands(Derivation number, List<Integer> bounds, List<String> labels) {
        Bands {
            if (labels.size() != bounds.size() + 1) {
                throw new IllegalArgumentException("one label more than bounds");
            }
        }

        Derivation derivation() {
            return new Derivation(
                    column -> {
                        String value = number.sql().apply(column);
                        StringBuilder sql = new StringBuilder("(case");
                        for (int i = 0; i < bounds.size(); i++) {
                            sql.append(" when ")
                                    .append(value)
                                    .append(" < ")
                                    .append(bounds.get(i))
                                    .append(" then '")
                                    .append(labels.get(i))
                                    .append("'");
                        }
                        return sql.append(" when ")
                                .append(value)
                                .append(" is not null then '")
                                .append(labels.getLast())
                                .append("' end)")
                                .toString();
                    },
                    (value, today) -> {
                        Object derived = number.read().read(value, today);
                        if (derived == null) {
                            return null;
                        }
                        long whole = ((Number) derived).longValue();
                        for (int i = 0; i < bounds.size(); i++) {
                            if (whole < bounds.get(i)) {
                                return labels.get(i);
                            }
                        }
                        return labels.getLast();
                    });
        }
    }

    /** What receipts sold, by product (SKU), brand and category. */
    private static TermColumn bought(String name, String value, String values) {
        return new TermColumn(
                name,
                values,
                "select b.customer_id, " + value + ", b.sold_at from sale b join sale_line l on l.sale_id = b.id"
                        + " join product p on p.id = l.product_id where b.kind = 'SALE'");
    }

    private StandardFields() {}

    static List<SegmentField> all() {
        List<SegmentField> fields = new ArrayList<>();
        fields.add(of(
                Category.PROFILE,
                "gender",
                ValueType.CHOICE,
                CHOICE,
                names(Gender.values()),
                "gender.",
                coded("gender")));
        fields.add(field(
                "age", Category.PROFILE, ValueType.NUMBER, ORDERED, null, new Source.Scalar(BIRTH_DATE, YEARS_SINCE)));
        fields.add(new SegmentField(
                "age_band",
                Category.PROFILE,
                ValueType.CHOICE,
                CHOICE,
                false,
                null,
                AGE_BANDS.labels(),
                "ageband.",
                new Source.Scalar(BIRTH_DATE, AGE_BANDS.derivation())));
        fields.add(of(
                Category.PROFILE,
                "income_band",
                ValueType.CHOICE,
                CHOICE,
                names(IncomeBand.values()),
                "income.",
                coded("income_band")));
        fields.add(of(
                Category.PROFILE,
                "education",
                ValueType.CHOICE,
                CHOICE,
                names(Education.values()),
                "education.",
                coded("education")));
        fields.add(text("occupation", "occupations", coded("occupation")));
        fields.add(text(
                "region",
                "regions",
                Column.coded("region", ColumnType.TEXT, "(select code from region where id = c.region_id)")));
        fields.add(text("city", "cities", coded("city")));
        fields.add(text("postal_code", null, Column.unheld("postal_code", ColumnType.TEXT, "c.postal_code")));
        fields.add(text(
                "home_store",
                "stores",
                Column.coded("home_store", ColumnType.TEXT, "(select code from store where id = c.home_store_id)")));
        fields.add(text("owner", "owners", coded("owner_username")));
        fields.add(text("email", null, Column.unheld("email", ColumnType.TEXT, "c.email")));
        fields.add(text("phone", null, Column.unheld("phone", ColumnType.TEXT, "c.phone")));
        fields.add(field(
                "customer_since",
                Category.PROFILE,
                ValueType.DATE,
                ORDERED,
                null,
                same(Column.coded("customer_since", ColumnType.DAY, day("c.created_at")))));
        fields.add(field(
                "tag",
                Category.PROFILE,
                ValueType.TEXT,
                SET,
                "tags",
                new Source.TextSet(new SetColumn("tags", "select customer_id, tag from customer_tag"))));
        for (String channel : List.of("EMAIL", "SMS", "MAIL", "PHONE")) {
            String name = "consent_" + channel.toLowerCase(Locale.ROOT);
            fields.add(field(
                    name,
                    Category.PROFILE,
                    ValueType.BOOLEAN,
                    FLAG,
                    null,
                    same(Column.coded(
                            name,
                            ColumnType.FLAG,
                            "coalesce((select bool_or(k.granted) from customer_consent k where k.customer_id = c.id"
                                    + " and k.channel = '" + channel + "'), false)"))));
        }

        fields.add(of(
                Category.SCORE,
                "grade",
                ValueType.CHOICE,
                CHOICE,
                names(ValueGrade.values()),
                null,
                scoreColumn("grade")));
        fields.add(of(
                Category.SCORE,
                "rfm_segment",
                ValueType.CHOICE,
                CHOICE,
                names(RfmSegment.values()),
                "segment.",
                scoreColumn("rfm_segment")));
        for (String quintile : List.of("r", "f", "m")) {
            fields.add(of(
                    Category.SCORE,
                    quintile,
                    ValueType.NUMBER,
                    ORDERED,
                    List.of(),
                    null,
                    Column.scaled(quintile, 0, "s." + quintile)));
        }
        fields.add(of(
                Category.SCORE,
                "loyalty",
                ValueType.NUMBER,
                ORDERED,
                List.of(),
                null,
                Column.scaled("loyalty", 0, "s.loyalty")));
        fields.add(of(
                Category.SCORE,
                "churned",
                ValueType.BOOLEAN,
                FLAG,
                List.of(),
                null,
                Column.coded("churned", ColumnType.FLAG, "s.churned")));
        fields.add(of(
                Category.SCORE,
                "satisfaction",
                ValueType.NUMBER,
                ORDERED,
                List.of(),
                null,
                Column.scaled("satisfaction", 3, "s.satisfaction")));
        fields.add(of(
                Category.SCORE,
                "satisfaction_level",
                ValueType.CHOICE,
                CHOICE,
                names(SatisfactionLevel.values()),
                "satisfaction.",
                scoreColumn("satisfaction_level")));
        fields.add(of(
                Category.SCORE,
                "matrix_class",
                ValueType.CHOICE,
                CHOICE,
                names(MatrixClass.values()),
                "matrix.",
                scoreColumn("matrix_class")));
        fields.add(of(Category.SCORE, "p_alive", ValueType.NUMBER, ORDERED, List.of(), null, P_ALIVE));
        fields.add(of(Category.SCORE, "clv", ValueType.NUMBER, ORDERED, List.of(), null, CLV));
        fields.add(new SegmentField(
                "clv_band",
                Category.SCORE,
                ValueType.CHOICE,
                CHOICE,
                false,
                null,
                ClvBands.LABELS,
                "clvband.",
                new Source.Scalar(CLV, new Bands(Derivation.SAME, ClvBands.BOUNDS, ClvBands.LABELS).derivation())));
        fields.add(of(
                Category.SCORE,
                "pareto_percent",
                ValueType.NUMBER,
                ORDERED,
                List.of(),
                null,
                Column.scaled("pareto_percent", 0, "s.pareto_percent")));
        // who churned in a month while of a grade, as the churn table's cells ("2026-03/A"): the grade of the
        // month's start, which the customer's grade now need not be
        fields.add(field(
                "churned_in",
                Category.SCORE,
                ValueType.TEXT,
                SET,
                null,
                new Source.TextSet(new SetColumn(
                        "churn_cells",
                        "select customer_id, to_char(month, 'YYYY-MM') || '/' || grade from customer_churn"
                                + " where run_id = :run"))));

        fields.add(behaviour(
                "bought_product",
                SET,
                "products",
                new Source.Terms(bought("bought_products", "p.sku", "select sku from product"))));
        fields.add(behaviour(
                "bought_brand",
                SET,
                "brands",
                new Source.Terms(bought("bought_brands", "p.brand", "select distinct brand from product"))));
        fields.add(behaviour(
                "bought_category",
                SET,
                "categories",
                new Source.Terms(bought("bought_categories", "p.category", "select distinct category from product"))));
        fields.add(behaviour(
                "purchases",
                COUNT,
                null,
                new Source.Tally(new TallyColumn(
                        "purchases",
                        "count(*) filter (where b.kind = 'SALE')",
                        0,
                        receipt -> receipt.kind().equals("SALE") ? BigDecimal.ONE : BigDecimal.ZERO))));
        fields.add(behaviour(
                "amount_spent",
                COUNT,
                null,
                new Source.Tally(new TallyColumn("spent", "sum(b.total_amount)", 2, SegmentField.Receipt::amount))));
        fields.add(behaviour(
                "receipts_in_window",
                COUNT,
                null,
                new Source.Tally(new TallyColumn("receipts", "count(*)", 0, receipt -> BigDecimal.ONE))));
        fields.add(behaviour(
                "returned_in_window",
                COUNT,
                null,
                new Source.Tally(new TallyColumn(
                        "returns",
                        "count(*) filter (where b.kind = 'RETURN')",
                        0,
                        receipt -> receipt.kind().equals("RETURN") ? BigDecimal.ONE : BigDecimal.ZERO))));
        fields.add(field(
                "first_purchase_date",
                Category.BEHAVIOUR,
                ValueType.DATE,
                ORDERED,
                null,
                same(Column.coded("first_purchase", ColumnType.DAY, day("c.first_purchase_at")))));
        fields.add(field(
                "days_since_last_purchase",
                Category.BEHAVIOUR,
                ValueType.NUMBER,
                ORDERED,
                null,
                new Source.Scalar(LAST_PURCHASE, DAYS_SINCE)));
        return fields;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static Column coded(String column) {
        return Column.coded(column, ColumnType.TEXT, "c." + column);
    }

    private static Column scoreColumn(String column) {
        return Column.coded(column, ColumnType.TEXT, "s." + column);
    }

    private static Source same(Column column) {
        return new Source.Scalar(column, Derivation.SAME);
    }

    private static SegmentField field(
            String key,
            Category category,
            ValueType type,
            List<Operator> operators,
            @Nullable String picker,
            Source source) {
        return new SegmentField(key, category, type, operators, false, picker, List.of(), null, source);
    }

    private static SegmentField text(String key, @Nullable String picker, Column column) {
        return field(key, Category.PROFILE, ValueType.TEXT, TEXT, picker, same(column));
    }

    /** A profile or score field of one column, with fixed choices or none. */
    private static SegmentField of(
            Category category,
            String key,
            ValueType type,
            List<Operator> operators,
            List<String> choices,
            @Nullable String choiceLabels,
            Column column) {
        return new SegmentField(key, category, type, operators, false, null, choices, choiceLabels, same(column));
    }

    private static SegmentField behaviour(
            String key, List<Operator> operators, @Nullable String picker, Source source) {
        ValueType type = source instanceof Source.Tally ? ValueType.NUMBER : ValueType.TEXT;
        return new SegmentField(key, Category.BEHAVIOUR, type, operators, true, picker, List.of(), null, source);
    }
}
