package io.clientele.demo.generator;

import java.util.ArrayList;
import java.util.List;

/**
 * The planted product pair for market-basket analysis (docs/demo-data.md, 15). Sale receipts are counted in file
 * order; of every 100, the 100th gets both products, the 50th only the first, the 25th only the second. So each
 * is on 2% of sale receipts and both on 1%: lift 0.01 / (0.02 × 0.02) = 25, confidence 0.5 either way. A schedule
 * rather than a draw: the truth is exact, and no other stream is drawn differently for it. A planted line is one unit at the day's promotion price, no coupon. Both are cheap cables
 * that hardly sell otherwise (about 1 receipt in 5,000), which moves the measured lift by under 2%.
 */
final class PlantedPair {
    static final String FIRST = "CBL-004";
    static final String SECOND = "CBL-008";
    private static final int EVERY = 100;

    private final BasketBuilder baskets;
    private final Product first;
    private final Product second;
    private long sales;

    PlantedPair(ProductCatalog catalog, BasketBuilder baskets) {
        this.baskets = baskets;
        first = bySku(catalog, FIRST);
        second = bySku(catalog, SECOND);
    }

    private static Product bySku(ProductCatalog catalog, String sku) {
        return catalog.products().stream()
                .filter(p -> p.sku().equals(sku))
                .findFirst()
                .orElseThrow();
    }

    /** The receipt's lines with the planted ones added at the end (a product already on it is not added twice). */
    List<SaleLine> lines(Receipt receipt) {
        if (receipt.isReturn()) return receipt.lines();
        long position = ++sales % EVERY;
        boolean withFirst = position == 0 || position == EVERY / 2;
        boolean withSecond = position == 0 || position == EVERY / 4;
        if (!withFirst && !withSecond) return receipt.lines();
        List<SaleLine> lines = new ArrayList<>(receipt.lines());
        int day = (int) Math.floor(receipt.time());
        if (withFirst) add(lines, first, day);
        if (withSecond) add(lines, second, day);
        return lines;
    }

    private void add(List<SaleLine> lines, Product product, int day) {
        if (lines.stream().noneMatch(line -> line.product() == product)) lines.add(baskets.planted(product, day));
    }
}
