package io.clientele.demo.generator;

/** A product; {@code tier} is its price third (0 cheapest) within its category. */
record Product(
        int index,
        String sku,
        String name,
        String brand,
        String model,
        Category category,
        int tier,
        long priceCents,
        long costCents,
        double popularity) {}
