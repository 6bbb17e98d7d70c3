package io.clientele.merchandising;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.ingest.BulkLoad;
import io.clientele.merchandising.SalesExplorer.Cell;
import io.clientele.merchandising.SalesExplorer.Dimension;
import io.clientele.merchandising.SalesExplorer.Pivot;
import io.clientele.merchandising.SalesExplorer.Question;
import io.clientele.merchandising.SalesExplorer.Source;
import io.clientele.merchandising.SalesExplorer.Table;
import java.io.StringReader;
import java.sql.Connection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The rollup by day and month, kept up to date by a bulk load's receipts participant, answers every pivot it may exactly as the
 * lines do: receipts of several lines across brands, categories and price bands, two stores, with and without a
 * salesperson, returns, over two years, stored in two loads that add to the same rollup rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SalesRollupIntegrationTest extends ApplicationTestSupport {
    private static final Set<Dimension> ROLLABLE = EnumSet.complementOf(EnumSet.of(Dimension.GRADE, Dimension.SEGMENT));

    @Autowired
    SalesExplorer explorer;

    @Autowired
    BulkLoad bulk;

    @Autowired
    DataSource dataSource;

    String salesperson;

    @Autowired
    SalesRollup rollup;

    @BeforeAll
    void plant() throws Exception {
        // the build at start runs in the background: the loads below are to add to it, not to be in it
        rollup.startBuild().get();
        salesperson = jdbc.sql("select sp.code from salesperson sp join store st on st.id = sp.store_id"
                        + " where st.code = 'S001' order by sp.code limit 1")
                .query(String.class)
                .single();
        String[][] products = {
            {"RU-A1", "RollBrandA", "A1", "Roll kettles", "30.00", "12.00"},
            {"RU-A2", "RollBrandA", "A2", "Roll toasters", "250.00", "150.00"},
            {"RU-B1", "RollBrandB", "B1", "Roll kettles", "700.00", "400.00"},
            {"RU-C1", "RollBrandC", "C1", "Roll irons", "1500.00", "900.00"}
        };
        for (String[] p : products) {
            jdbc.sql("insert into product (sku, name, brand, model, category, price, cost)"
                            + " values (?, ?, ?, ?, ?, cast(? as numeric), cast(? as numeric))"
                            + " on conflict (sku) do nothing")
                    .params(p[0], p[0], p[1], p[2], p[3], p[4], p[5])
                    .update();
        }
        StringBuilder first = new StringBuilder(HEADER);
        StringBuilder second = new StringBuilder(HEADER);
        String[] skus = {"RU-A1", "RU-A2", "RU-B1", "RU-C1"};
        for (int i = 0; i < 120; i++) {
            String store = i % 3 == 0 ? "S002" : "S001";
            String person = store.equals("S001") && i % 2 == 0 ? salesperson : "";
            String kind = i % 11 == 0 ? "RETURN" : "SALE";
            int sign = kind.equals("RETURN") ? -1 : 1;
            // two years, a day every twelve; receipts of the same day and store fall in the same rollup rows
            String soldAt = java.time.LocalDate.of(2001, 1, 3).plusDays(12L * (i / 2)) + "T" + (9 + i % 10) + ":15:00Z";
            StringBuilder rows = i % 2 == 0 ? first : second;
            int lines = 1 + i % 3;
            for (int n = 1; n <= lines; n++) {
                String sku = skus[(i + n * 3) % 4];
                // a price off list now and then moves a line to the band below
                String price = i % 5 == 0 ? "29.00" : null;
                rows.append("RU-%d,%s,%s,%s,%s,,%d,%s,%d,%s,0,%n"
                        .formatted(
                                i,
                                kind,
                                store,
                                person,
                                soldAt,
                                n,
                                sku,
                                sign * (1 + n % 2),
                                price != null && sku.equals("RU-A2") ? "199.00" : listPrice(sku)));
            }
        }
        for (StringBuilder csv : List.of(first, second)) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                bulk.sales(connection, new StringReader(csv.toString()), "ROLLUP-TEST");
                connection.commit();
            }
        }
    }

    private static final String HEADER = "receipt_id,kind,store_code,salesperson_code,sold_at,card_number,line_no,sku,"
            + "quantity,unit_price,discount,coupon_code\n";

    private static String listPrice(String sku) {
        return switch (sku) {
            case "RU-A1" -> "30.00";
            case "RU-A2" -> "250.00";
            case "RU-B1" -> "700.00";
            default -> "1500.00";
        };
    }

    private static Question question(Dimension rows, Dimension columns, @Nullable List<String> filters) {
        return new Question(rows.name(), columns.name(), "2001-01-01", "2002-12-31", null, null, filters);
    }

    /** What the rollup answers: one of brand, category and price band at most, and then not with salesperson. */
    private static boolean rollable(Dimension rows, Dimension columns) {
        Set<Dimension> both = EnumSet.of(rows, columns);
        long lines = both.stream().filter(Dimension::ofLines).count();
        return !both.contains(Dimension.MODEL) && (lines == 0 || (lines == 1 && !both.contains(Dimension.SALESPERSON)));
    }

    @Test
    void everyPairOfDimensionsTheRollupAnswersGivesTheLinesFigures() {
        int compared = 0;
        for (Dimension rows : ROLLABLE) {
            for (Dimension columns : ROLLABLE) {
                if (rows == columns) continue;
                Question question = question(rows, columns, null);
                boolean rollable = rollable(rows, columns);
                Pivot chosen = explorer.pivot(question, true, false);
                assertThat(chosen.source())
                        .as(rows + " × " + columns)
                        .isEqualTo(rollable ? Source.ROLLUP : Source.LINES);
                if (!rollable) continue;
                assertSame(explorer.pivot(question, true, Source.LINES), chosen, rows + " × " + columns);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(11 * 10 - 3 * 2 - 3 * 2);
    }

    @Test
    void daysOutsideWholeMonthsAreReadByDayAndGiveTheLinesFiguresToo() {
        // from the 10th of a month to the 20th of another: whole months by month, the days around them by day
        for (Dimension rows : List.of(Dimension.BRAND, Dimension.PRICE_BAND, Dimension.SALESPERSON, Dimension.REGION)) {
            for (Dimension columns : List.of(Dimension.MONTH, Dimension.STORE, Dimension.WEEK, Dimension.YEAR)) {
                Question question =
                        new Question(rows.name(), columns.name(), "2001-02-10", "2002-11-20", null, null, null);
                Pivot rolled = explorer.pivot(question, true, false);
                assertThat(rolled.source()).as(rows + " × " + columns).isEqualTo(Source.ROLLUP);
                assertSame(explorer.pivot(question, true, Source.LINES), rolled, rows + " × " + columns);
            }
        }
        // models are not kept: the lines answer them
        assertThat(explorer.pivot(question(Dimension.MODEL, Dimension.MONTH, null), false, false)
                        .source())
                .isEqualTo(Source.LINES);
    }

    @Test
    void filtersOnTheDrillPathGiveTheLinesFiguresToo() {
        List<List<String>> filters = List.of(
                List.of("BRAND:RollBrandA"),
                List.of("STORE:S001", "YEAR:2002"),
                List.of("PRICE_BAND:200–499"),
                List.of("SALESPERSON:–", "YEAR:2001"));
        for (List<String> filter : filters) {
            Question question = question(Dimension.MONTH, Dimension.STORE, filter);
            Pivot rolled = explorer.pivot(question, false, false);
            assertThat(rolled.source()).as(filter.toString()).isEqualTo(Source.ROLLUP);
            assertThat(rolled.total()).as(filter.toString()).isNotNull();
            assertSame(explorer.pivot(question, false, Source.LINES), rolled, filter.toString());
        }
        // two line dimensions (a filter's among them), one with salesperson, and distinct customers are the lines'
        assertThat(explorer.pivot(
                                question(Dimension.BRAND, Dimension.MONTH, List.of("SALESPERSON:" + salesperson)),
                                false,
                                false)
                        .source())
                .isEqualTo(Source.LINES);
        assertThat(explorer.pivot(
                                question(Dimension.MONTH, Dimension.CATEGORY, List.of("BRAND:RollBrandA")),
                                false,
                                false)
                        .source())
                .isEqualTo(Source.LINES);
        assertThat(explorer.pivot(question(Dimension.MONTH, Dimension.STORE, null), false, true)
                        .source())
                .isEqualTo(Source.LINES);
    }

    private static void assertSame(Pivot lines, Pivot rolled, String what) {
        assertThat(lines.total()).as(what).isNotNull();
        assertThat(rolled.cells()).as(what).isEqualTo(withoutCustomers(lines.cells()));
        assertThat(rolled.rowTotals()).as(what).isEqualTo(withoutCustomers(lines.rowTotals()));
        assertThat(rolled.columnTotals()).as(what).isEqualTo(withoutCustomers(lines.columnTotals()));
        assertThat(rolled.total())
                .as(what)
                .isEqualTo(withoutCustomers(List.of(lines.total())).getFirst());
        Table before = lines.yearBefore();
        if (before != null) {
            Table rolledBefore = rolled.yearBefore();
            assertThat(rolledBefore).as(what).isNotNull();
            assertThat(rolledBefore.cells()).as(what).isEqualTo(withoutCustomers(before.cells()));
        }
    }

    private static List<Cell> withoutCustomers(List<Cell> cells) {
        return cells.stream()
                .map(c -> new Cell(
                        c.row(),
                        c.column(),
                        c.revenue(),
                        c.grossProfit(),
                        c.margin(),
                        c.units(),
                        c.receipts(),
                        c.averageBasket(),
                        null,
                        c.returns()))
                .toList();
    }
}
