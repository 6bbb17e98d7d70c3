package io.clientele.demo.generator;

import io.clientele.analytics.random.Sampler;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a spend target into receipt lines. The basket is filled towards the target: each pick chooses a category
 * and price tier whose median price is close (log-normal kernel, sigma 0.25) to the budget still left, weighted by the
 * category's popularity, then a product within it (see {@link ProductCatalog}). Filling stops when less than 30% of
 * the target is left, after six picks, or when a product comes up twice. So a higher target buys dearer products
 * and more lines.
 *
 * <p>Planted co-purchases: a picked anchor adds its accessory with a fixed probability, once per receipt.
 */
final class BasketBuilder {
    private static final double STOP_SHARE = 0.30;
    private static final int MAX_PICKS = 6;
    private static final double FIT_SIGMA = 0.25;
    private static final int MAX_EXTRA_UNITS = 3;

    // budgets are looked up on a log grid from 5 to 20,000, so that option weights are computed once
    private static final double MIN_BUDGET = 5;
    private static final double MAX_BUDGET = 20_000;
    private static final int BUDGET_STEPS = 200;

    /** The planted co-purchases: an anchor category adds a product of its accessory category with this rate. */
    private record Affinity(Category accessory, double rate) {}

    private static final Map<Category, Affinity> AFFINITIES = new EnumMap<>(Map.of(
            Category.LAPTOP, new Affinity(Category.LAPTOP_BAG, 0.45),
            Category.CAMERA, new Affinity(Category.MEMORY_CARD, 0.55),
            Category.TV, new Affinity(Category.SOUNDBAR, 0.30),
            Category.SMARTPHONE, new Affinity(Category.PHONE_CASE, 0.50),
            Category.PRINTER, new Affinity(Category.INK_CARTRIDGE, 0.60),
            Category.COFFEE_MACHINE, new Affinity(Category.COFFEE_BEANS, 0.40)));

    private final ProductCatalog catalog;
    private final DataWindow window;
    private final double[][] optionWeights;
    private final double[] optionTotals;
    private final double logMinBudget = Math.log(MIN_BUDGET);
    private final double logStep = (Math.log(MAX_BUDGET) - Math.log(MIN_BUDGET)) / (BUDGET_STEPS - 1);

    BasketBuilder(ProductCatalog catalog, DataWindow window) {
        this.catalog = catalog;
        this.window = window;
        int options = ProductCatalog.optionCount();
        optionWeights = new double[BUDGET_STEPS][options];
        optionTotals = new double[BUDGET_STEPS];
        for (int step = 0; step < BUDGET_STEPS; step++) {
            double logBudget = logMinBudget + step * logStep;
            for (int option = 0; option < options; option++) {
                double distance = (Math.log(catalog.optionPrice(option)) - logBudget) / FIT_SIGMA;
                double weight = ProductCatalog.optionCategory(option).popularity
                        / Category.TIERS
                        * Math.exp(-0.5 * distance * distance);
                optionWeights[step][option] = weight;
                optionTotals[step] += weight;
            }
        }
    }

    /** The lines of a receipt on {@code day} for a spend target in currency units. */
    List<SaleLine> basket(double target, int day, boolean firstPurchase, Sampler sampler) {
        List<SaleLine> lines = new ArrayList<>(4);
        double remaining = target;
        long attachedAnchors = 0;
        for (int pick = 0; pick < MAX_PICKS; pick++) {
            Product product = catalog.pick(pickOption(remaining, sampler), day, sampler);
            if (contains(lines, product)) {
                break;
            }
            SaleLine line = line(product, day, firstPurchase, sampler);
            lines.add(line);
            remaining -= line.amountCents() / 100.0;
            Affinity affinity = AFFINITIES.get(product.category());
            long anchorBit = 1L << product.category().ordinal();
            if (affinity != null && (attachedAnchors & anchorBit) == 0) {
                attachedAnchors |= anchorBit;
                if (sampler.bernoulli(affinity.rate())) {
                    Product extra = pickAny(affinity.accessory(), day, sampler);
                    if (!contains(lines, extra)) {
                        SaleLine extraLine = line(extra, day, firstPurchase, sampler);
                        lines.add(extraLine);
                        remaining -= extraLine.amountCents() / 100.0;
                    }
                }
            }
            if (remaining < STOP_SHARE * target) {
                break;
            }
        }
        return lines;
    }

    /** A one-line receipt of a consumable (the planted refill visits). */
    List<SaleLine> refill(Category consumable, int day, Sampler sampler) {
        return List.of(line(pickAny(consumable, day, sampler), day, false, sampler));
    }

    /** One unit at the day's promotion price, no coupon: a line of the planted pair ({@link PlantedPair}). */
    SaleLine planted(Product product, int day) {
        return new SaleLine(product, 1, percentOf(product.priceCents(), catalog.discountPercent(product, day)), null);
    }

    private int pickOption(double budget, Sampler sampler) {
        int step = (int) Math.round((Math.log(Math.max(budget, MIN_BUDGET)) - logMinBudget) / logStep);
        step = Math.min(step, BUDGET_STEPS - 1);
        return sampler.weighted(optionWeights[step], optionTotals[step]);
    }

    /** A product of a category from a uniformly drawn price tier. */
    private Product pickAny(Category category, int day, Sampler sampler) {
        return catalog.pick(ProductCatalog.option(category, sampler.uniformInt(Category.TIERS)), day, sampler);
    }

    private SaleLine line(Product product, int day, boolean firstPurchase, Sampler sampler) {
        int quantity = 1;
        if (product.category().extraUnitsMean > 0) {
            quantity += Math.min(sampler.poisson(product.category().extraUnitsMean), MAX_EXTRA_UNITS);
        }
        long gross = quantity * product.priceCents();
        long promotion = percentOf(gross, catalog.discountPercent(product, day));
        Coupon coupon = Coupon.draw(firstPurchase, window.month(day), sampler);
        long couponDiscount = coupon == null ? 0 : percentOf(gross - promotion, coupon.percent);
        return new SaleLine(product, quantity, promotion + couponDiscount, coupon);
    }

    private static long percentOf(long cents, int percent) {
        return (cents * percent + 50) / 100;
    }

    private static boolean contains(List<SaleLine> lines, Product product) {
        for (SaleLine line : lines) {
            if (line.product() == product) {
                return true;
            }
        }
        return false;
    }
}
