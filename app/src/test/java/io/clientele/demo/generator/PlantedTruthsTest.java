package io.clientele.demo.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planted truths of demo-data.md, recovered from the CSV files of 20,000 card holders. */
class PlantedTruthsTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 3, 31);
    private static final int CUSTOMERS = 20_000;

    @TempDir
    static Path dir;

    static DemoData data;
    static Map<String, List<DemoData.Receipt>> receiptsByCard;

    @BeforeAll
    static void generate() throws Exception {
        new DemoDataGenerator().writeCsv(dir, new DemoSpec(CUSTOMERS, 2024, AS_OF), (done, total) -> {});
        data = DemoData.read(dir);
        receiptsByCard = data.receipts.stream()
                .filter(receipt -> !receipt.isAnonymous())
                .collect(Collectors.groupingBy(DemoData.Receipt::card));
    }

    private static List<List<String>> customersIn(PlantedSegment segment) {
        return data.customers.rows().stream()
                .filter(customer -> PlantedSegment.of(DemoData.customerNumber(customer)) == segment)
                .toList();
    }

    private static List<DemoData.Receipt> salesOf(List<String> customer) {
        return receiptsByCard.getOrDefault(customer.get(1), List.of()).stream()
                .filter(DemoData.Receipt::isSale)
                .toList();
    }

    private static double mean(List<DemoData.Receipt> receipts) {
        return receipts.stream()
                .mapToLong(DemoData.Receipt::amountCents)
                .average()
                .orElseThrow();
    }

    @Test
    void prospectsAreExactlyTheCardHoldersWithoutAReceipt() {
        List<List<String>> withoutReceipt = data.customers.rows().stream()
                .filter(customer -> !receiptsByCard.containsKey(customer.get(1)))
                .toList();
        assertThat(withoutReceipt.size() / (double) CUSTOMERS).isCloseTo(0.15, within(0.005));
        assertThat(withoutReceipt).containsExactlyInAnyOrderElementsOf(customersIn(PlantedSegment.PROSPECT));
    }

    @Test
    void anActiveCardHolderMakesSixToTenReceiptsInTwoYears() {
        long cardHolderSales =
                data.sales().stream().filter(receipt -> !receipt.isAnonymous()).count();
        assertThat(cardHolderSales / (double) receiptsByCard.size()).isBetween(6.0, 10.0);
    }

    @Test
    void repeatBuyingIsHeterogeneousAndSpendDoesNotDependOnFrequency() {
        List<List<DemoData.Receipt>> regularBuyers = customersIn(PlantedSegment.REGULAR).stream()
                .map(PlantedTruthsTest::salesOf)
                .filter(sales -> !sales.isEmpty())
                .toList();
        List<Integer> counts = regularBuyers.stream()
                .map(List::size)
                .sorted(Comparator.reverseOrder())
                .toList();
        long all = counts.stream().mapToLong(Integer::longValue).sum();
        long topFifth = counts.subList(0, counts.size() / 5).stream()
                .mapToLong(Integer::longValue)
                .sum();
        assertThat(topFifth / (double) all)
                .as("share of receipts by the top 20%")
                .isGreaterThan(0.5);

        // Gamma-Gamma assumes a buyer's mean spend is independent of how often they buy
        List<double[]> repeatBuyers = regularBuyers.stream()
                .filter(sales -> sales.size() >= 2)
                .map(sales -> new double[] {Math.log(sales.size()), Math.log(mean(sales))})
                .toList();
        assertThat(Math.abs(correlation(repeatBuyers))).isLessThan(0.1);
    }

    private static double correlation(List<double[]> pairs) {
        double meanX = pairs.stream().mapToDouble(pair -> pair[0]).average().orElseThrow();
        double meanY = pairs.stream().mapToDouble(pair -> pair[1]).average().orElseThrow();
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (double[] pair : pairs) {
            xy += (pair[0] - meanX) * (pair[1] - meanY);
            xx += (pair[0] - meanX) * (pair[0] - meanX);
            yy += (pair[1] - meanY) * (pair[1] - meanY);
        }
        return xy / Math.sqrt(xx * yy);
    }

    @Test
    void aFifthOfSalesAreAnonymous() {
        List<DemoData.Receipt> sales = data.sales();
        long anonymous = sales.stream().filter(DemoData.Receipt::isAnonymous).count();
        assertThat(anonymous / (double) sales.size()).isCloseTo(0.20, within(0.01));
    }

    @Test
    void twoPercentOfSalesAreReturned() {
        long sales = data.sales().size();
        long returns = data.receipts.size() - sales;
        // slightly under 2%: a return that would fall after the window or after the buyer's last activity is dropped
        assertThat(returns / (double) sales).isBetween(0.015, 0.022);
    }

    @Test
    void anchorsPullTheirAccessoriesIntoTheBasket() {
        List<DemoData.Receipt> sales = data.sales();
        Map<String, String> accessoryOf = Map.of(
                "Laptop", "Laptop bag",
                "Camera", "Memory card",
                "TV", "Soundbar",
                "Smartphone", "Phone case",
                "Printer", "Ink cartridge",
                "Coffee machine", "Coffee beans");
        Map<String, Double> rate = Map.of(
                "Laptop",
                0.45,
                "Camera",
                0.55,
                "TV",
                0.30,
                "Smartphone",
                0.50,
                "Printer",
                0.60,
                "Coffee machine",
                0.40);
        accessoryOf.forEach((anchor, accessory) -> {
            List<DemoData.Receipt> withAnchor =
                    sales.stream().filter(r -> data.contains(r, anchor)).toList();
            List<DemoData.Receipt> withoutAnchor =
                    sales.stream().filter(r -> !data.contains(r, anchor)).toList();
            double withRate = share(withAnchor, r -> data.contains(r, accessory));
            double withoutRate = share(withoutAnchor, r -> data.contains(r, accessory));
            assertThat(withAnchor).as(anchor).hasSizeGreaterThan(1_000);
            assertThat(withRate).as("P(%s | %s)", accessory, anchor).isCloseTo(rate.get(anchor), within(0.04));
            assertThat(withoutRate).as("P(%s | no %s)", accessory, anchor).isLessThan(0.05);
            assertThat(withRate / withoutRate)
                    .as("lift of %s on %s", anchor, accessory)
                    .isGreaterThan(6);
        });
    }

    @Test
    void thePlantedCablePairIsBoughtTogetherWithLiftTwentyFive() {
        List<DemoData.Receipt> sales = data.sales();
        Predicate<DemoData.Receipt> first =
                r -> r.lines().stream().anyMatch(l -> l.sku().equals(PlantedPair.FIRST));
        Predicate<DemoData.Receipt> second =
                r -> r.lines().stream().anyMatch(l -> l.sku().equals(PlantedPair.SECOND));
        double both = share(sales, first.and(second));
        double lift = both / (share(sales, first) * share(sales, second));
        assertThat(both).isCloseTo(0.01, within(0.0005));
        assertThat(lift).isCloseTo(25, within(25 * 0.03));
        assertThat(share(sales.stream().filter(first).toList(), second)).isCloseTo(0.5, within(0.02));
    }

    @Test
    void thePlantedCableElasticityIsRecoveredWithinItsIntervalAndItsBestPriceIsInside() {
        Map<LocalDate, long[]> weeks = new java.util.TreeMap<>(); // amount in cents, units
        Product cable = ProductCatalog.forWindow(DataWindow.endingOn(AS_OF)).products().stream()
                .filter(p -> p.sku().equals(PlantedElasticity.SKU))
                .findFirst()
                .orElseThrow();
        for (DemoData.Receipt receipt : data.sales()) {
            for (DemoData.Line line : receipt.lines()) {
                if (!line.sku().equals(PlantedElasticity.SKU)) continue;
                long[] week = weeks.computeIfAbsent(
                        receipt.date().with(java.time.temporal.TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                        monday -> new long[2]);
                week[0] += line.amountCents();
                week[1] += line.quantity();
            }
        }
        double[] prices =
                weeks.values().stream().mapToDouble(w -> w[0] / 100.0 / w[1]).toArray();
        double[] units = weeks.values().stream().mapToDouble(w -> w[1]).toArray();
        var estimate = (io.clientele.analytics.pricing.ElasticityEstimate.Estimated)
                io.clientele.analytics.pricing.PriceElasticity.estimate(prices, units, 0.95);
        assertThat(estimate.lower()).isLessThan(PlantedElasticity.ELASTICITY);
        assertThat(estimate.upper()).isGreaterThan(PlantedElasticity.ELASTICITY);
        double cost = cable.costCents() / 100.0;
        double list = cable.priceCents() / 100.0;
        double best = estimate.bestPrice(cost, 0.7 * list, list).price();
        assertThat(best).isGreaterThan(0.7 * list).isLessThan(list);
    }

    private static double share(List<DemoData.Receipt> receipts, Predicate<DemoData.Receipt> condition) {
        return receipts.stream().filter(condition).count() / (double) receipts.size();
    }

    @Test
    void lapsedBigSpendersBoughtOftenAndMuchThenNothingInTheLast200Days() {
        List<List<String>> lapsed = customersIn(PlantedSegment.LAPSED_BIG_SPENDER);
        List<List<String>> regular = customersIn(PlantedSegment.REGULAR);
        assertThat(lapsed).hasSize(CUSTOMERS * 2 / 100);
        LocalDate silentFrom = AS_OF.minusDays(199);
        List<Long> daysSinceLast = new ArrayList<>();
        for (List<String> customer : lapsed) {
            List<DemoData.Receipt> receipts = receiptsByCard.get(customer.get(1));
            assertThat(receipts)
                    .allSatisfy(receipt -> assertThat(receipt.date()).isBefore(silentFrom));
            LocalDate last = receipts.getLast().date();
            daysSinceLast.add(AS_OF.toEpochDay() - last.toEpochDay());
        }
        daysSinceLast.sort(Comparator.naturalOrder());
        assertThat(daysSinceLast.get(daysSinceLast.size() / 2)).isBetween(200L, 400L);

        double lapsedReceipts =
                lapsed.stream().mapToInt(c -> salesOf(c).size()).average().orElseThrow();
        double regularReceipts =
                regular.stream().mapToInt(c -> salesOf(c).size()).average().orElseThrow();
        assertThat(lapsedReceipts).isGreaterThan(2 * regularReceipts);
        double lapsedValue =
                mean(lapsed.stream().flatMap(c -> salesOf(c).stream()).toList());
        double regularValue =
                mean(regular.stream().flatMap(c -> salesOf(c).stream()).toList());
        assertThat(lapsedValue / regularValue).isGreaterThan(1.6);
    }

    @Test
    void newCustomersAreTheOnlyOnesJoinedInTheLast60DaysAndBoughtOnceOrTwice() {
        Instant sixtyDaysAgo = AS_OF.minusDays(59).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
        List<List<String>> joinedRecently = data.customers.rows().stream()
                .filter(customer -> !Instant.parse(customer.get(16)).isBefore(sixtyDaysAgo))
                .toList();
        assertThat(joinedRecently).containsExactlyInAnyOrderElementsOf(customersIn(PlantedSegment.NEW_CUSTOMER));
        assertThat(joinedRecently).hasSize(CUSTOMERS * 3 / 100);
        for (List<String> customer : joinedRecently) {
            List<DemoData.Receipt> sales = salesOf(customer);
            assertThat(sales).hasSizeBetween(1, 2);
            assertThat(sales.getFirst().soldAt()).isEqualTo(Instant.parse(customer.get(16)));
        }
    }

    @Test
    void promotionsMoveHeadphonesMuchMoreThanCoffeeBeans() {
        ProductCatalog catalog = ProductCatalog.forWindow(DataWindow.endingOn(AS_OF));
        double headphones = promotionLift(catalog, Category.HEADPHONES);
        double beans = promotionLift(catalog, Category.COFFEE_BEANS);
        assertThat(headphones).isGreaterThan(1.5);
        assertThat(beans).isBetween(0.9, 1.35);
        assertThat(headphones - beans).isGreaterThan(0.4);
    }

    /** Units sold per product-day on promotion over units per product-day off promotion. */
    private static double promotionLift(ProductCatalog catalog, Category category) {
        LocalDate firstDay = AS_OF.minusYears(2).plusDays(1);
        Map<String, Product> bySku = catalog.products().stream()
                .filter(product -> product.category() == category)
                .collect(Collectors.toMap(Product::sku, product -> product));
        double promotedUnits = 0;
        double regularUnits = 0;
        for (DemoData.Receipt receipt : data.sales()) {
            int day = (int) (receipt.date().toEpochDay() - firstDay.toEpochDay());
            for (DemoData.Line line : receipt.lines()) {
                Product product = bySku.get(line.sku());
                if (product != null) {
                    if (catalog.discountPercent(product, day) > 0) {
                        promotedUnits += line.quantity();
                    } else {
                        regularUnits += line.quantity();
                    }
                }
            }
        }
        int days = (int) (AS_OF.toEpochDay() - firstDay.toEpochDay()) + 1;
        double promotedDays = 0;
        for (Product product : bySku.values()) {
            for (int day = 0; day < days; day++) {
                promotedDays += catalog.discountPercent(product, day) > 0 ? 1 : 0;
            }
        }
        double regularDays = (double) bySku.size() * days - promotedDays;
        return (promotedUnits / promotedDays) / (regularUnits / regularDays);
    }

    @Test
    void aLineWithoutCouponIsDiscountedExactlyByItsPromotion() {
        ProductCatalog catalog = ProductCatalog.forWindow(DataWindow.endingOn(AS_OF));
        Map<String, Product> bySku =
                catalog.products().stream().collect(Collectors.toMap(Product::sku, product -> product));
        LocalDate firstDay = AS_OF.minusYears(2).plusDays(1);
        for (DemoData.Receipt receipt : data.sales()) {
            int day = (int) (receipt.date().toEpochDay() - firstDay.toEpochDay());
            for (DemoData.Line line : receipt.lines()) {
                if (line.coupon().isEmpty()) {
                    int percent = catalog.discountPercent(bySku.get(line.sku()), day);
                    assertThat(line.discountCents()).isEqualTo((line.grossCents() * percent + 50) / 100);
                }
            }
        }
    }

    @Test
    void novemberDecemberAndWeekendsSellMore() {
        Map<LocalDate, Long> perDay =
                data.sales().stream().collect(Collectors.groupingBy(DemoData.Receipt::date, Collectors.counting()));
        double november = averagePerDay(perDay, date -> date.getMonth() == Month.NOVEMBER);
        double december = averagePerDay(perDay, date -> date.getMonth() == Month.DECEMBER);
        double october = averagePerDay(perDay, date -> date.getMonth() == Month.OCTOBER);
        assertThat(november / october).isBetween(1.3, 1.8);
        assertThat(december / october).isBetween(1.15, 1.6);
        double weekend = averagePerDay(perDay, date -> date.getDayOfWeek().getValue() >= DayOfWeek.SATURDAY.getValue());
        double weekday = averagePerDay(perDay, date -> date.getDayOfWeek().getValue() < DayOfWeek.SATURDAY.getValue());
        assertThat(weekend / weekday).isBetween(1.15, 1.4);
    }

    private static double averagePerDay(Map<LocalDate, Long> perDay, Predicate<LocalDate> which) {
        return perDay.entrySet().stream()
                .filter(entry -> which.test(entry.getKey()))
                .mapToLong(Map.Entry::getValue)
                .average()
                .orElseThrow();
    }

    @Test
    void oneStarSalespersonPerRegionSellsReceiptsWorthAQuarterMore() {
        List<String> stars = StoreNetwork.forWindow(DataWindow.endingOn(AS_OF)).salespeople().stream()
                .filter(Salesperson::star)
                .map(Salesperson::code)
                .toList();
        assertThat(stars).containsExactly("P0002", "P0021", "P0040", "P0059", "P0074");
        Map<String, String> regionOfStore =
                data.stores.rows().stream().collect(Collectors.toMap(row -> row.get(0), row -> row.get(2)));
        Map<String, String> storeOf =
                data.salespeople.rows().stream().collect(Collectors.toMap(row -> row.get(0), row -> row.get(2)));
        assertThat(stars.stream().map(code -> regionOfStore.get(storeOf.get(code))))
                .containsExactlyInAnyOrder("NORTH", "SOUTH", "EAST", "WEST", "CENTRAL");
        Set<String> starSet = new HashSet<>(stars);
        List<DemoData.Receipt> sales = data.sales();
        double starValue = mean(
                sales.stream().filter(r -> starSet.contains(r.salesperson())).toList());
        double otherValue = mean(
                sales.stream().filter(r -> !starSet.contains(r.salesperson())).toList());
        assertThat(starValue / otherValue).isBetween(1.15, 1.35);
    }

    @Test
    void highIncomeSpendsAboutOnePointEightTimesMiddleAndLowAboutSixTenths() {
        Map<String, List<DemoData.Receipt>> byBand = new HashMap<>();
        for (DemoData.Receipt receipt : data.sales()) {
            if (!receipt.isAnonymous()) {
                String band = data.customerByCard.get(receipt.card()).get(12);
                byBand.computeIfAbsent(band, key -> new ArrayList<>()).add(receipt);
            }
        }
        double middle = mean(byBand.get("MIDDLE"));
        assertThat(mean(byBand.get("HIGH")) / middle).isBetween(1.55, 2.05);
        assertThat(mean(byBand.get("LOW")) / middle).isBetween(0.5, 0.7);
    }

    @Test
    void aboutFivePercentOfLinesCarryACouponOfTheRightSeasonAndDiscount() {
        long lines = 0;
        long withCoupon = 0;
        for (DemoData.Receipt receipt : data.sales()) {
            for (DemoData.Line line : receipt.lines()) {
                lines++;
                if (line.coupon().isEmpty()) {
                    continue;
                }
                withCoupon++;
                int percent = Integer.parseInt(line.coupon().replaceAll("\\D", ""));
                assertThat(line.discountCents() * 100)
                        .isGreaterThanOrEqualTo(line.grossCents() * percent * 7 / 10 - 100);
                switch (line.coupon()) {
                    case "WELCOME10" ->
                        assertThat(receipt.soldAt())
                                .isEqualTo(Instant.parse(
                                        data.customerByCard.get(receipt.card()).get(16)));
                    case "DOUBLE11" -> assertThat(receipt.date().getMonth()).isEqualTo(Month.NOVEMBER);
                    case "XMAS20" -> assertThat(receipt.date().getMonth()).isEqualTo(Month.DECEMBER);
                    default -> assertThat(line.coupon()).isEqualTo("SAVE5");
                }
            }
        }
        assertThat(withCoupon / (double) lines).isCloseTo(0.05, within(0.01));
    }

    @Test
    void coffeeMachineOwnersRefillBeansMonthlyAndPrinterOwnersInkQuarterly() {
        assertThat(medianRefillGapDays("Coffee machine", "Coffee beans")).isBetween(25.0, 35.0);
        assertThat(medianRefillGapDays("Printer", "Ink cartridge")).isBetween(70.0, 100.0);
    }

    /** The median days between consecutive one-line consumable receipts of card holders after they bought the anchor. */
    private static double medianRefillGapDays(String anchor, String consumable) {
        List<Double> gaps = new ArrayList<>();
        for (List<DemoData.Receipt> receipts : receiptsByCard.values()) {
            Instant owned = null;
            Instant lastRefill = null;
            for (DemoData.Receipt receipt : receipts) {
                if (!receipt.isSale()) {
                    continue;
                }
                if (owned == null) {
                    if (data.contains(receipt, anchor)) {
                        owned = receipt.soldAt();
                    }
                } else if (receipt.lines().size() == 1 && data.contains(receipt, consumable)) {
                    if (lastRefill != null) {
                        gaps.add(Duration.between(lastRefill, receipt.soldAt()).toHours() / 24.0);
                    }
                    lastRefill = receipt.soldAt();
                }
            }
        }
        assertThat(gaps).hasSizeGreaterThan(200);
        gaps.sort(Comparator.naturalOrder());
        return gaps.get(gaps.size() / 2);
    }
}
