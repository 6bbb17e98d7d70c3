package io.clientele.demo.generator;

import io.clientele.platform.csv.CsvWriter;
import java.io.IOException;
import java.nio.file.Path;

/** Writes the fixed reference files: stores.csv, salespeople.csv and products.csv. */
final class CatalogFiles {
    private static final String STORES = "stores.csv";
    private static final String SALESPEOPLE = "salespeople.csv";
    private static final String PRODUCTS = "products.csv";

    private CatalogFiles() {}

    static void write(Path outDir, StoreNetwork network, ProductCatalog catalog) throws IOException {
        try (CsvWriter csv = DemoDataGenerator.csvFile(
                outDir.resolve(STORES), "store_code", "name", "region_code", "region_name", "city", "opened_on")) {
            for (Store store : network.stores()) {
                csv.text(store.code())
                        .text(store.name())
                        .text(store.region().code())
                        .text(store.region().name())
                        .text(store.city())
                        .text(store.openedOn().toString())
                        .endRow();
            }
        }
        try (CsvWriter csv =
                DemoDataGenerator.csvFile(outDir.resolve(SALESPEOPLE), "salesperson_code", "name", "store_code")) {
            for (Salesperson salesperson : network.salespeople()) {
                csv.text(salesperson.code())
                        .text(salesperson.name())
                        .text(salesperson.storeCode())
                        .endRow();
            }
        }
        try (CsvWriter csv = DemoDataGenerator.csvFile(
                outDir.resolve(PRODUCTS), "sku", "name", "brand", "model", "category", "price", "cost")) {
            for (Product product : catalog.products()) {
                csv.text(product.sku())
                        .text(product.name())
                        .text(product.brand())
                        .text(product.model())
                        .text(product.category().label)
                        .cents(product.priceCents())
                        .cents(product.costCents())
                        .endRow();
            }
        }
    }
}
