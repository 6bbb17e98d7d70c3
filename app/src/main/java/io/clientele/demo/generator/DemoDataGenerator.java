package io.clientele.demo.generator;

import io.clientele.analytics.random.Sampler;
import io.clientele.platform.csv.CsvWriteOptions;
import io.clientele.platform.csv.CsvWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Writes the demo data set as stores.csv, salespeople.csv, products.csv, customers.csv and sales.csv, and what card
 * holders said afterwards as survey_answers.csv and complaints.csv.
 *
 * <p>Card holders are streamed: each is drawn with all their receipts from a random stream of its own (split from
 * the seed in customer order), written, and forgotten, so memory does not grow with the number of customers. The
 * same spec gives byte-identical files.
 */
public final class DemoDataGenerator {
    private static final int PROGRESS_EVERY = 10_000;
    /** Files for machines (COPY, the importer): comma, LF rows, cells as drawn, no formula neutralisation. */
    private static final CsvWriteOptions FORMAT = CsvWriteOptions.rfc4180().withLineEnd(CsvWriteOptions.LineEnd.LF);

    /**
     * Writes the seven files into {@code outDir} (created if missing, files replaced). {@code progress} hears every
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
        // feedback comes from streams seeded by (seed, n): the streams above are drawn exactly as before it existed
        Feedback feedback = new Feedback(window, spec.seed());
        try (CustomersFile customersFile = new CustomersFile(outDir, window);
                SalesFile salesFile = new SalesFile(
                        outDir, window, new PlantedPair(catalog, baskets), new PlantedElasticity(catalog, baskets));
                FeedbackFiles feedbackFiles = new FeedbackFiles(outDir, window)) {
            long cardHolderSales = 0;
            for (long number = 1; number <= total; number++) {
                Sampler sampler = customerStreams.split();
                Customer customer = customers.draw(number, sampler);
                customersFile.write(customer);
                List<Receipt> receipts = histories.receipts(customer, sampler);
                for (Receipt receipt : receipts) {
                    salesFile.write(receipt, customer.cardNumber());
                    if (!receipt.isReturn()) {
                        cardHolderSales++;
                    }
                }
                feedbackFiles.write(customer, feedback.draw(customer, receipts));
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
                    salesFile.lines(),
                    feedbackFiles.answerRows(),
                    feedbackFiles.complaintRows());
        }
    }

    /** A new CSV file of the data set (UTF-8 without BOM) with its header row written. */
    static CsvWriter csvFile(Path file, String... header) throws IOException {
        CsvWriter csv = CsvWriter.create(file, FORMAT);
        try {
            csv.writeRow(header);
            return csv;
        } catch (IOException | RuntimeException e) {
            csv.close();
            throw e;
        }
    }
}
