package io.clientele.demo.generator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The planted price elasticity (docs/demo-data.md, 16): one cable's price moves every four weeks (from a Monday)
 * through 0, 10, 20, 30, 5, 15 and 25% off its list price, and it is added to sale receipts at a rate of
 * 4% × (price / list price)^−2.5. The rate is a schedule rather than a draw: each sale receipt adds its day's rate to
 * a running credit and takes the product when the credit reaches 1, so the units of a week are its receipts times
 * the rate, give or take one, and no other random stream is drawn differently for it. With a cost share of
 * 0.55–0.58 the most profitable price, c · b / (1 + b) = 1.67 c, lies inside the prices seen.
 */
final class PlantedElasticity {
    static final String SKU = "CBL-006";
    static final double ELASTICITY = -2.5;
    /** The share of sale receipts that take the product at its list price. */
    static final double RATE_AT_LIST = 0.04;

    private static final int[] PERCENTS = {0, 10, 20, 30, 5, 15, 25};
    private static final int BLOCK_WEEKS = 4;

    private final ProductCatalog catalog;
    private final BasketBuilder baskets;
    private final Product product;
    private double credit;

    PlantedElasticity(ProductCatalog catalog, BasketBuilder baskets) {
        this.catalog = catalog;
        this.baskets = baskets;
        product = catalog.products().stream()
                .filter(p -> p.sku().equals(SKU))
                .findFirst()
                .orElseThrow();
    }

    /** The schedule's discount on a date, in blocks of four weeks from a Monday (epoch day 0 is a Thursday). */
    static int percent(LocalDate date) {
        long block = Math.floorDiv(Math.floorDiv(date.toEpochDay() + 3, 7), BLOCK_WEEKS);
        return PERCENTS[(int) Math.floorMod(block, PERCENTS.length)];
    }

    /** Replaces the product's drawn promotion calendar by the schedule, so its every line follows it. */
    static void schedule(List<Product> products, DataWindow window, byte[][] percents) {
        for (Product p : products) {
            if (!p.sku().equals(SKU)) continue;
            for (int day = 0; day < percents[p.index()].length; day++) {
                percents[p.index()][day] = (byte) percent(window.date(day));
            }
        }
    }

    /** The receipt's lines, with the product added at the end when the schedule says so (once per receipt). */
    List<SaleLine> lines(Receipt receipt, List<SaleLine> lines) {
        if (receipt.isReturn()) return lines;
        int day = (int) Math.floor(receipt.time());
        credit += RATE_AT_LIST * Math.pow(1 - catalog.discountPercent(product, day) / 100.0, ELASTICITY);
        if (credit < 1) return lines;
        credit -= 1;
        if (lines.stream().anyMatch(line -> line.product() == product)) return lines;
        List<SaleLine> more = new ArrayList<>(lines);
        more.add(baskets.planted(product, day));
        return more;
    }
}
