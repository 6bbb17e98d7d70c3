package io.clientele.demo.generator;

import io.clientele.analytics.random.Sampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes the demo data set as stores.csv, salespeople.csv, products.csv, customers.csv and sales.csv.
 *
 * <p>Card holders are streamed: each is drawn with all their receipts from a random stream of its own (split from
 * the seed in customer order), written, and forgotten, so memory does not grow with the number of customers. The
 * same spec gives byte-identical files.
 */
public final class DemoDataGenerator {
    private static final int PROGRESS_EVERY = 10_000;

    /**
     * Writes the five files into {@code outDir} (created if missing, files replaced). {@code progress} hears every
     * 10,000 card holders and once more when everything, anonymous sales included, is written.
     */
    public GenerationSummary writeCsv(Path outDir, DemoSpec spec, GenerationProgress progress) throws IOException {
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(progress, "progress");
        Files.createDirectories(outDir);
        DataWindow window = DataWindow.endingOn(spec.asOf());
        StoreNetwork network = StoreNetwork.forWindow(window);
        ProductCatalog catalog = ProductCatalog.forWindow(window);
        CatalogFiles.write(outDir, network, catalog);

        BasketBuilder baskets = new BasketBuilder(catalog, window);
        Returns returns = new Returns(network);
        CustomerFactory customers = new CustomerFactory(window, network);
        PurchaseHistory histories = new PurchaseHistory(window, network, baskets, returns);
        Sampler root = new Sampler(spec.seed());
        Sampler customerStreams = root.split();
        Sampler anonymousStream = root.split();

        long total = spec.customers();
        try (CustomersFile customersFile = new CustomersFile(outDir, window);
                SalesFile salesFile = new SalesFile(outDir, window)) {
            long cardHolderSales = 0;
            for (long number = 1; number <= total; number++) {
                Sampler sampler = customerStreams.split();
                Customer customer = customers.draw(number, sampler);
                customersFile.write(customer);
                for (Receipt receipt : histories.receipts(customer, sampler)) {
                    salesFile.write(receipt, customer.cardNumber());
                    if (!receipt.isReturn()) {
                        cardHolderSales++;
                    }
                }
                if (number % PROGRESS_EVERY == 0 && number < total) {
                    progress.customersDone(number, total);
                }
            }
            new AnonymousTraffic(window, network, baskets, returns).write(cardHolderSales, salesFile, anonymousStream);
            progress.customersDone(total, total);
            return new GenerationSummary(
                    network.stores().size(),
                    network.salespeople().size(),
                    catalog.products().size(),
                    total,
                    salesFile.receipts(),
                    salesFile.lines());
        }
    }
}
