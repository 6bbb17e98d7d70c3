package io.clientele.demo.generator;

import java.util.List;

/**
 * Product categories with the parameters that shape their sales.
 *
 * <ul>
 *   <li>{@code minPrice}/{@code maxPrice}: list prices are log-uniform between them;
 *   <li>{@code costShare}: cost as a share of price, per product this &plusmn; 0.03 within 0.55-0.80;
 *   <li>{@code elasticity}: product choice within the category is weighted by (effective price / list price) to
 *       this power, so a promotion pulls choice more the more negative it is;
 *   <li>{@code popularity}: relative weight when a basket picks a category for its budget; the accessory categories
 *       are kept rare so that they mostly come with their anchor (see {@link BasketBuilder});
 *   <li>{@code extraUnitsMean}: quantity is 1 plus a Poisson draw with this mean, capped at 4.
 * </ul>
 */
enum Category {
    // skuPrefix, label, minPrice, maxPrice, costShare, elasticity, popularity, extraUnitsMean, productCount
    TV("TV", "TV", 300, 2500, 0.78, -1.2, 8, 0, 30),
    SOUNDBAR("SBR", "Soundbar", 100, 900, 0.68, -1.0, 0.3, 0, 15),
    SMARTPHONE("PHN", "Smartphone", 150, 1300, 0.80, -1.5, 12, 0, 35),
    PHONE_CASE("CAS", "Phone case", 10, 50, 0.55, -1.0, 0.4, 0.1, 25),
    LAPTOP("LAP", "Laptop", 400, 2500, 0.78, -1.0, 8, 0, 30),
    LAPTOP_BAG("BAG", "Laptop bag", 20, 120, 0.58, -1.0, 0.3, 0, 15),
    TABLET("TAB", "Tablet", 150, 1100, 0.76, -1.0, 6, 0, 20),
    HEADPHONES("HPH", "Headphones", 20, 400, 0.62, -3.0, 6, 0, 35),
    CAMERA("CAM", "Camera", 300, 2200, 0.74, -1.0, 3, 0, 20),
    MEMORY_CARD("MEM", "Memory card", 10, 60, 0.56, -1.0, 0.4, 0.2, 15),
    PRINTER("PRN", "Printer", 60, 450, 0.77, -1.0, 0.5, 0, 15),
    INK_CARTRIDGE("INK", "Ink cartridge", 15, 60, 0.55, -1.0, 0.3, 0.5, 25),
    WASHING_MACHINE("WSH", "Washing machine", 300, 1300, 0.72, -1.0, 4, 0, 20),
    REFRIGERATOR("FRG", "Refrigerator", 400, 2500, 0.72, -1.0, 4, 0, 20),
    VACUUM_CLEANER("VAC", "Vacuum cleaner", 80, 700, 0.68, -1.0, 3, 0, 20),
    COFFEE_MACHINE("CMC", "Coffee machine", 80, 900, 0.70, -1.0, 0.4, 0, 15),
    COFFEE_BEANS("BNS", "Coffee beans", 8, 30, 0.60, -0.5, 0.3, 0.6, 20),
    CABLES_CHARGERS("CBL", "Cables & chargers", 8, 45, 0.55, -1.0, 6, 0.3, 25);

    static final int TIERS = 3;

    final String skuPrefix;
    final String label;
    final double minPrice;
    final double maxPrice;
    final double costShare;
    final double elasticity;
    final double popularity;
    final double extraUnitsMean;
    final int productCount;

    Category(
            String skuPrefix,
            String label,
            double minPrice,
            double maxPrice,
            double costShare,
            double elasticity,
            double popularity,
            double extraUnitsMean,
            int productCount) {
        this.skuPrefix = skuPrefix;
        this.label = label;
        this.minPrice = minPrice;
        this.maxPrice = maxPrice;
        this.costShare = costShare;
        this.elasticity = elasticity;
        this.popularity = popularity;
        this.extraUnitsMean = extraUnitsMean;
        this.productCount = productCount;
    }

    /** Product descriptions from the cheapest to the dearest; a product's place by price picks one. */
    List<String> descriptions() {
        return switch (this) {
            case TV ->
                List.of(
                        "32-inch HD TV",
                        "43-inch 4K TV",
                        "50-inch 4K TV",
                        "55-inch 4K TV",
                        "65-inch OLED TV",
                        "75-inch QLED TV",
                        "85-inch QLED TV");
            case SOUNDBAR -> List.of("Soundbar 2.0", "Soundbar 2.1, wireless subwoofer", "Soundbar 5.1, Dolby Atmos");
            case SMARTPHONE ->
                List.of("Smartphone 64 GB", "Smartphone 128 GB", "Smartphone 256 GB", "Smartphone 512 GB");
            case PHONE_CASE -> List.of("Phone case, silicone", "Phone case, leather", "Phone case, rugged");
            case LAPTOP ->
                List.of(
                        "Laptop 14-inch, 8 GB RAM",
                        "Laptop 15-inch, 16 GB RAM",
                        "Laptop 14-inch, 32 GB RAM",
                        "Laptop 16-inch, 32 GB RAM");
            case LAPTOP_BAG -> List.of("Laptop sleeve 14-inch", "Laptop bag 15-inch", "Laptop backpack 16-inch");
            case TABLET -> List.of("Tablet 8-inch", "Tablet 10-inch", "Tablet 11-inch", "Tablet 13-inch");
            case HEADPHONES ->
                List.of("In-ear headphones", "Wireless earbuds", "On-ear headphones", "Noise-cancelling headphones");
            case CAMERA -> List.of("Compact camera", "Bridge camera", "Mirrorless camera", "Full-frame camera");
            case MEMORY_CARD ->
                List.of("Memory card 32 GB", "Memory card 64 GB", "Memory card 128 GB", "Memory card 256 GB");
            case PRINTER -> List.of("Inkjet printer", "All-in-one printer", "Photo printer");
            case INK_CARTRIDGE ->
                List.of("Ink cartridge, black", "Ink cartridge, colour", "Ink cartridge multipack, XL");
            case WASHING_MACHINE ->
                List.of("Washing machine 7 kg", "Washing machine 8 kg", "Washing machine 9 kg", "Washer-dryer 10 kg");
            case REFRIGERATOR ->
                List.of(
                        "Fridge-freezer 250 L",
                        "Fridge-freezer 350 L",
                        "Fridge-freezer 450 L",
                        "American fridge-freezer 600 L");
            case VACUUM_CLEANER -> List.of("Bagged vacuum cleaner", "Cordless vacuum cleaner", "Robot vacuum cleaner");
            case COFFEE_MACHINE -> List.of("Capsule coffee machine", "Espresso machine", "Bean-to-cup coffee machine");
            case COFFEE_BEANS ->
                List.of(
                        "Coffee beans, house blend 500 g",
                        "Coffee beans, espresso roast 1 kg",
                        "Coffee beans, single origin 1 kg");
            case CABLES_CHARGERS ->
                List.of("USB-C cable 1 m", "HDMI cable 2 m", "USB-C charger 30 W", "Fast charger 65 W");
        };
    }
}
