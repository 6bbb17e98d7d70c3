package io.clientele.demo.generator;

import io.clientele.analytics.random.Sampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The 400 products and their promotion calendar, both fixed (drawn from constant seeds, not the spec's), with the
 * per-day choice weights that carry the planted price elasticity.
 *
 * <p>A basket first picks an <em>option</em>, a category and price tier, for its budget, then a product within it
 * with weight {@code popularity * (1 - promotionDiscount)^elasticity}: a promotion moves choice between products of
 * the same option and leaves the category's total demand alone.
 */
final class ProductCatalog {
    private static final long CATALOG_SEED = 0xCA7A_1060_0001L;
    private static final long PROMOTION_SEED = 0xCA7A_1060_0002L;
    private static final List<String> BRANDS =
            List.of("Voltana", "Nordwave", "Kairo", "Lumex", "Aurelia", "Tessar", "Brightline", "Okumi");
    private static final String SERIES_LETTERS = "ACEGKMQSVXZ";

    private static final int PROMOTION_DAYS = 14;
    private static final int MIN_PROMOTIONS = 3;
    private static final int MAX_PROMOTIONS = 6;
    private static final int[] PROMOTION_PERCENTS = {10, 15, 20, 25, 30};
    /** Promotions start within the first 730 - 14 days of the window, whatever the as-of date. */
    private static final int PROMOTION_SPAN = 730;

    private final List<Product> products;
    private final Product[][] optionProducts;
    private final double[] optionPrices;
    private final byte[][] discountPercents;
    private final double[][][] cumulativeChoice;

    private ProductCatalog(DataWindow window) {
        products = List.copyOf(drawProducts());
        int options = optionCount();
        optionProducts = new Product[options][];
        optionPrices = new double[options];
        for (int option = 0; option < options; option++) {
            int current = option;
            optionProducts[option] = products.stream()
                    .filter(product -> option(product.category(), product.tier()) == current)
                    .toArray(Product[]::new);
            Product median = optionProducts[option][optionProducts[option].length / 2];
            optionPrices[option] = median.priceCents() / 100.0;
        }
        discountPercents = drawPromotions(products.size(), window.days());
        PlantedElasticity.schedule(products, window, discountPercents);
        cumulativeChoice = new double[options][window.days()][];
        for (int option = 0; option < options; option++) {
            Product[] candidates = optionProducts[option];
            for (int day = 0; day < window.days(); day++) {
                double[] cumulative = new double[candidates.length];
                double sum = 0;
                for (int k = 0; k < candidates.length; k++) {
                    Product product = candidates[k];
                    double priceRatio = 1.0 - discountPercents[product.index()][day] / 100.0;
                    sum += product.popularity() * Math.pow(priceRatio, product.category().elasticity);
                    cumulative[k] = sum;
                }
                cumulativeChoice[option][day] = cumulative;
            }
        }
    }

    static ProductCatalog forWindow(DataWindow window) {
        return new ProductCatalog(window);
    }

    private static List<Product> drawProducts() {
        Sampler sampler = new Sampler(CATALOG_SEED);
        List<Product> drawn = new ArrayList<>();
        for (Category category : Category.values()) {
            List<String> brands = new ArrayList<>(BRANDS);
            int brandCount = 4 + sampler.uniformInt(3);
            for (int i = 0; i < brandCount; i++) {
                int j = i + sampler.uniformInt(brands.size() - i);
                brands.set(j, brands.set(i, brands.get(j)));
            }
            char[] series = new char[brandCount];
            for (int b = 0; b < brandCount; b++) {
                series[b] = SERIES_LETTERS.charAt(sampler.uniformInt(SERIES_LETTERS.length()));
            }
            int n = category.productCount;
            double[] prices = new double[n];
            double logMin = Math.log(category.minPrice);
            double logMax = Math.log(category.maxPrice);
            for (int k = 0; k < n; k++) {
                prices[k] = Math.exp(logMin + (logMax - logMin) * sampler.uniform());
            }
            Arrays.sort(prices);
            int[][] modelsPerBrandAndTier = new int[brandCount][Category.TIERS];
            for (int k = 0; k < n; k++) {
                int tier = k * Category.TIERS / n;
                int b = sampler.uniformInt(brandCount);
                String brand = brands.get(b);
                String model = series[b] + Integer.toString((tier + 1) * 200 + 10 * modelsPerBrandAndTier[b][tier]++);
                List<String> descriptions = category.descriptions();
                String description = descriptions.get(k * descriptions.size() / n);
                long priceCents = shelfPriceCents(prices[k]);
                double costShare = Math.clamp(category.costShare + 0.06 * (sampler.uniform() - 0.5), 0.55, 0.80);
                drawn.add(new Product(
                        drawn.size(),
                        Codes.padded(category.skuPrefix + "-", k + 1, 3),
                        brand + " " + model + " " + description,
                        brand,
                        model,
                        category,
                        tier,
                        priceCents,
                        costCents(priceCents, costShare),
                        sampler.logNormal(0, 0.4)));
            }
        }
        return drawn;
    }

    /** Cost at {@code share} of the price, kept within 55-80% of it after rounding to cents. */
    private static long costCents(long priceCents, double share) {
        long lowest = (priceCents * 55 + 99) / 100;
        long highest = priceCents * 80 / 100;
        return Math.clamp(Math.round(priceCents * share), lowest, highest);
    }

    /** A price as a shop prints it: 499.00 above 100, 29.99 below. */
    private static long shelfPriceCents(double price) {
        if (price >= 100) {
            return ((long) Math.ceil(price / 10) * 10 - 1) * 100;
        }
        return (long) Math.floor(price) * 100 + 99;
    }

    private static byte[][] drawPromotions(int productCount, int days) {
        Sampler sampler = new Sampler(PROMOTION_SEED);
        byte[][] percents = new byte[productCount][days];
        for (int p = 0; p < productCount; p++) {
            int windows = MIN_PROMOTIONS + sampler.uniformInt(MAX_PROMOTIONS - MIN_PROMOTIONS + 1);
            int placed = 0;
            while (placed < windows) {
                int start = sampler.uniformInt(PROMOTION_SPAN - PROMOTION_DAYS + 1);
                int percent = PROMOTION_PERCENTS[sampler.uniformInt(PROMOTION_PERCENTS.length)];
                if (isFree(percents[p], start)) {
                    Arrays.fill(percents[p], start, start + PROMOTION_DAYS, (byte) percent);
                    placed++;
                }
            }
        }
        return percents;
    }

    /** Whether a window starting on {@code start} keeps a day's gap to the windows already placed. */
    private static boolean isFree(byte[] percents, int start) {
        int end = Math.min(percents.length, start + PROMOTION_DAYS + 1);
        for (int day = Math.max(0, start - 1); day < end; day++) {
            if (percents[day] != 0) {
                return false;
            }
        }
        return true;
    }

    static int option(Category category, int tier) {
        return category.ordinal() * Category.TIERS + tier;
    }

    static int optionCount() {
        return Category.values().length * Category.TIERS;
    }

    static Category optionCategory(int option) {
        return Category.values()[option / Category.TIERS];
    }

    List<Product> products() {
        return products;
    }

    /** The median list price of an option's products, in currency units. */
    double optionPrice(int option) {
        return optionPrices[option];
    }

    /** The promotion discount of a product on a window day: 0, or 10 to 30 percent. */
    int discountPercent(Product product, int day) {
        return discountPercents[product.index()][day];
    }

    Product pick(int option, int day, Sampler sampler) {
        double[] cumulative = cumulativeChoice[option][day];
        double target = sampler.uniform() * cumulative[cumulative.length - 1];
        for (int k = 0; k < cumulative.length - 1; k++) {
            if (target < cumulative[k]) {
                return optionProducts[option][k];
            }
        }
        return optionProducts[option][cumulative.length - 1];
    }
}
