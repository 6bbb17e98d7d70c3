package io.clientele.demo.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files are well-formed and consistent with each other. */
class DemoDataStructureTest {
    private static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);
    private static final Pattern MONEY = Pattern.compile("-?\\d+\\.\\d{2}");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    @TempDir
    static Path dir;

    static GenerationSummary summary;
    static DemoData data;

    @BeforeAll
    static void generate() throws Exception {
        summary = new DemoDataGenerator().writeCsv(dir, new DemoSpec(5_000, 11, AS_OF), (done, total) -> {});
        data = DemoData.read(dir);
    }

    @Test
    void headersAreTheDocumentedOnes() {
        assertThat(data.stores.header())
                .containsExactly("store_code", "name", "region_code", "region_name", "city", "opened_on");
        assertThat(data.salespeople.header()).containsExactly("salesperson_code", "name", "store_code");
        assertThat(data.products.header())
                .containsExactly("sku", "name", "brand", "model", "category", "price", "cost");
        assertThat(data.customers.header())
                .containsExactly(
                        "external_id",
                        "card_number",
                        "first_name",
                        "last_name",
                        "gender",
                        "birth_date",
                        "email",
                        "phone",
                        "address_line",
                        "postal_code",
                        "city",
                        "region_code",
                        "income_band",
                        "occupation",
                        "education",
                        "home_store_code",
                        "created_at",
                        "consent_email",
                        "consent_sms",
                        "consent_mail",
                        "consent_phone");
        assertThat(data.sales.header())
                .containsExactly(
                        "receipt_id",
                        "kind",
                        "store_code",
                        "salesperson_code",
                        "sold_at",
                        "card_number",
                        "line_no",
                        "sku",
                        "quantity",
                        "unit_price",
                        "discount",
                        "coupon_code");
        assertThat(data.surveyAnswers.header())
                .containsExactly("external_id", "survey", "aspect", "perceived", "expected", "answered_at");
        assertThat(data.complaints.header()).containsExactly("external_id", "occurred_at", "summary");
        for (CsvTable table : List.of(
                data.stores,
                data.salespeople,
                data.products,
                data.customers,
                data.sales,
                data.surveyAnswers,
                data.complaints)) {
            assertThat(table.rows()).allSatisfy(row -> assertThat(row).hasSameSizeAs(table.header()));
        }
    }

    @Test
    void summaryCountsWhatWasWritten() {
        assertThat(summary)
                .isEqualTo(new GenerationSummary(
                        24,
                        data.salespeople.rows().size(),
                        400,
                        5_000,
                        data.receipts.size(),
                        data.sales.rows().size(),
                        data.surveyAnswers.rows().size(),
                        data.complaints.rows().size()));
    }

    @Test
    void storesSpreadOverFiveRegionsWithTwoOrThreeCitiesEach() {
        assertThat(data.stores.rows())
                .extracting(row -> row.get(0))
                .startsWith("S001", "S002")
                .endsWith("S024");
        Map<String, Set<String>> citiesByRegion = data.stores.rows().stream()
                .collect(Collectors.groupingBy(
                        row -> row.get(3), Collectors.mapping(row -> row.get(4), Collectors.toSet())));
        assertThat(citiesByRegion).containsOnlyKeys("North", "South", "East", "West", "Central");
        assertThat(citiesByRegion.values())
                .allSatisfy(cities -> assertThat(cities).hasSizeBetween(2, 3));
        assertThat(data.stores.rows())
                .allSatisfy(row -> assertThat(LocalDate.parse(row.get(5))).isBefore(AS_OF.minusYears(3)));
        Map<String, Long> staff = data.salespeople.rows().stream()
                .collect(Collectors.groupingBy(row -> row.get(2), Collectors.counting()));
        assertThat(staff).hasSize(24);
        assertThat(staff.values()).allSatisfy(count -> assertThat(count).isBetween(3L, 5L));
    }

    @Test
    void productsHaveUniqueSkusPricesInRangeAndCostsOf55To80Percent() {
        List<List<String>> products = data.products.rows();
        assertThat(products).hasSize(400);
        assertThat(products.stream().map(row -> row.get(0)).distinct()).hasSize(400);
        assertThat(products.stream().map(row -> row.get(2)).distinct()).hasSize(8);
        assertThat(products.stream().map(row -> row.get(4)).distinct()).hasSize(Category.values().length);
        assertThat(products)
                .as("names that need quoting")
                .anyMatch(row -> row.get(1).contains(","));
        for (List<String> product : products) {
            assertThat(product.get(5)).matches(MONEY);
            assertThat(product.get(6)).matches(MONEY);
            Category category = Category.valueOf(categoryName(product.get(4)));
            long price = DemoData.cents(product.get(5));
            long cost = DemoData.cents(product.get(6));
            assertThat(price)
                    .isBetween((long) (category.minPrice * 100) - 100, (long) (category.maxPrice * 100) + 1_000);
            assertThat(cost * 100).isBetween(price * 55, price * 80);
        }
    }

    private static String categoryName(String label) {
        for (Category category : Category.values()) {
            if (category.label.equals(label)) {
                return category.name();
            }
        }
        throw new AssertionError("unknown category " + label);
    }

    @Test
    void customersHaveUniqueIdsCardsAndEmailsAndValidAttributes() {
        List<List<String>> customers = data.customers.rows();
        Map<String, String> regionOfStore =
                data.stores.rows().stream().collect(Collectors.toMap(row -> row.get(0), row -> row.get(2)));
        assertThat(customers).hasSize(5_000);
        Set<String> cards = new HashSet<>();
        Set<String> emails = new HashSet<>();
        int withoutEmail = 0;
        for (int i = 0; i < customers.size(); i++) {
            List<String> customer = customers.get(i);
            assertThat(customer.get(0)).isEqualTo(Codes.externalId(i + 1));
            assertThat(customer.get(1)).matches("8800\\d{8}");
            assertThat(cards.add(customer.get(1))).isTrue();
            if (customer.get(6).isEmpty()) {
                withoutEmail++;
            } else {
                assertThat(customer.get(6)).matches("[a-z]+\\.[a-z]+\\d+@example\\.(com|net|org)");
                assertThat(emails.add(customer.get(6))).isTrue();
            }
            assertThat(customer.get(4)).isIn("F", "M", "X");
            int age = Period.between(LocalDate.parse(customer.get(5)), AS_OF).getYears();
            assertThat(age).isBetween(18, 85);
            assertThat(customer.get(11)).isEqualTo(regionOfStore.get(customer.get(15)));
            assertThat(customer.get(12)).isIn("LOW", "LOWER_MIDDLE", "MIDDLE", "UPPER_MIDDLE", "HIGH");
            assertThat(customer.get(14)).isIn("PRIMARY", "SECONDARY", "VOCATIONAL", "BACHELOR", "MASTER", "DOCTORATE");
            assertThat(customer.get(16)).matches(TIMESTAMP);
            LocalDate joined = LocalDate.ofInstant(Instant.parse(customer.get(16)), ZoneOffset.UTC);
            assertThat(joined).isAfter(AS_OF.minusYears(3)).isBeforeOrEqualTo(AS_OF);
            assertThat(customer.subList(17, 21))
                    .allSatisfy(flag -> assertThat(flag).isIn("true", "false"));
            if (customer.get(6).isEmpty()) {
                assertThat(customer.get(17)).isEqualTo("false");
            }
        }
        assertThat(withoutEmail / 5_000.0).isBetween(0.03, 0.07);
        assertThat(share(customers, row -> row.get(7).isEmpty())).isBetween(0.03, 0.07);
        assertThat(share(customers, row -> row.get(17).equals("true"))).isCloseTo(0.70, within(0.03));
        assertThat(share(customers, row -> row.get(18).equals("true"))).isCloseTo(0.50, within(0.03));
        assertThat(share(customers, row -> row.get(19).equals("true"))).isCloseTo(0.60, within(0.03));
        assertThat(share(customers, row -> row.get(20).equals("true"))).isCloseTo(0.30, within(0.03));
        assertThat(share(customers, row -> row.get(4).equals("X"))).isBetween(0.005, 0.04);
    }

    private static double share(List<List<String>> rows, Predicate<List<String>> condition) {
        return rows.stream().filter(condition).count() / (double) rows.size();
    }

    @Test
    void receiptIdsAreUniqueAndTheirLinesConsecutiveAndNumbered() {
        Set<String> seen = new HashSet<>();
        String previous = null;
        int expectedLine = 0;
        for (List<String> row : data.sales.rows()) {
            String id = row.get(0);
            if (!id.equals(previous)) {
                assertThat(seen.add(id))
                        .as("receipt %s appears again after other receipts", id)
                        .isTrue();
                assertThat(id).matches("R\\d{10}");
                expectedLine = 1;
                previous = id;
            } else {
                expectedLine++;
            }
            assertThat(Integer.parseInt(row.get(6))).isEqualTo(expectedLine);
        }
        for (DemoData.Receipt receipt : data.receipts) {
            assertThat(receipt.lines().stream().map(DemoData.Line::sku).distinct())
                    .hasSameSizeAs(receipt.lines());
        }
    }

    @Test
    void everyReferenceResolves() {
        Map<String, String> storeOfSalesperson =
                data.salespeople.rows().stream().collect(Collectors.toMap(row -> row.get(0), row -> row.get(2)));
        for (DemoData.Receipt receipt : data.receipts) {
            assertThat(storeOfSalesperson).containsEntry(receipt.salesperson(), receipt.store());
            assertThat(receipt.isAnonymous() || data.customerByCard.containsKey(receipt.card()))
                    .as(receipt.card())
                    .isTrue();
            assertThat(receipt.lines())
                    .allSatisfy(line -> assertThat(data.categoryBySku).containsKey(line.sku()));
        }
    }

    @Test
    void valuesAreWellFormedAndInsideTheWindowAndStoreHours() {
        Map<String, Long> priceBySku = data.products.rows().stream()
                .collect(Collectors.toMap(row -> row.get(0), row -> DemoData.cents(row.get(5))));
        for (List<String> row : data.sales.rows()) {
            assertThat(row.get(1)).isIn("SALE", "RETURN");
            assertThat(row.get(4)).matches(TIMESTAMP);
            assertThat(row.get(9)).matches(MONEY);
            assertThat(row.get(10)).matches(MONEY);
            assertThat(row.get(11)).isIn("", "WELCOME10", "DOUBLE11", "XMAS20", "SAVE5");
            assertThat(DemoData.cents(row.get(9))).isEqualTo(priceBySku.get(row.get(7)));
        }
        for (DemoData.Receipt receipt : data.receipts) {
            assertThat(receipt.date()).isAfter(AS_OF.minusYears(2)).isBeforeOrEqualTo(AS_OF);
            LocalTime time = LocalTime.ofInstant(receipt.soldAt(), ZoneOffset.UTC);
            assertThat(time).isBetween(LocalTime.of(9, 0), LocalTime.of(20, 59, 59));
            for (DemoData.Line line : receipt.lines()) {
                if (receipt.isSale()) {
                    assertThat(line.quantity()).isPositive();
                    assertThat(line.discountCents()).isNotNegative();
                    assertThat(line.amountCents()).isNotNegative();
                } else {
                    assertThat(line.quantity()).isNegative();
                    assertThat(line.discountCents()).isNotPositive();
                    assertThat(line.amountCents()).isNegative();
                }
            }
        }
        assertThat(data.customers.rows())
                .allSatisfy(row -> assertThat(row.get(5)).matches(DATE));
    }

    @Test
    void aReturnReversesOneWholeLineOfAnEarlierSaleAtTheSameStoreWithinThirtyDays() {
        Map<String, List<DemoData.Receipt>> salesByCardAndStore = new HashMap<>();
        List<DemoData.Receipt> returns = new ArrayList<>();
        for (DemoData.Receipt receipt : data.receipts) {
            if (receipt.isSale()) {
                salesByCardAndStore
                        .computeIfAbsent(receipt.card() + "/" + receipt.store(), key -> new ArrayList<>())
                        .add(receipt);
            } else {
                returns.add(receipt);
            }
        }
        assertThat(returns).isNotEmpty();
        for (DemoData.Receipt returned : returns) {
            assertThat(returned.lines()).hasSize(1);
            DemoData.Line line = returned.lines().getFirst();
            boolean matched =
                    salesByCardAndStore.getOrDefault(returned.card() + "/" + returned.store(), List.of()).stream()
                            .filter(sale -> {
                                long days = returned.date().toEpochDay()
                                        - sale.date().toEpochDay();
                                return days >= 1 && days <= 30;
                            })
                            .flatMap(sale -> sale.lines().stream())
                            .anyMatch(sold -> sold.sku().equals(line.sku())
                                    && sold.quantity() == -line.quantity()
                                    && sold.discountCents() == -line.discountCents()
                                    && sold.coupon().equals(line.coupon()));
            assertThat(matched).as("return %s matches a sale", returned.id()).isTrue();
        }
    }

    @Test
    void aCardHoldersReceiptsAreWrittenTogetherInTimeOrder() {
        Set<String> finished = new HashSet<>();
        String card = null;
        Instant last = Instant.MIN;
        for (DemoData.Receipt receipt : data.receipts) {
            if (receipt.isAnonymous()) {
                card = null;
                continue;
            }
            if (!receipt.card().equals(card)) {
                assertThat(finished.add(receipt.card())).isTrue();
                card = receipt.card();
                last = Instant.MIN;
            }
            assertThat(receipt.soldAt()).isAfterOrEqualTo(last);
            last = receipt.soldAt();
        }
    }
}
