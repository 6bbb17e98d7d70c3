package io.clientele.demo;

import io.clientele.customer.BulkCustomers;
import io.clientele.customer.InteractionKind;
import io.clientele.customer.Timeline;
import io.clientele.ingest.BulkLoad;
import io.clientele.loyalty.LoyaltyCards;
import io.clientele.platform.db.CopyRows;
import io.clientele.platform.db.Rows;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a folder written by the generator into the database in one transaction, through the features that own the
 * tables, each file with one COPY and set-based statements: stores, salespeople, products, receipts and survey
 * answers through {@link BulkLoad}, customers through {@link BulkCustomers} as they were (source {@code demo},
 * consents given at registration), complaints through the {@link Timeline} as COMPLAINT entries on the channel STORE.
 * Nothing is left half-loaded: on any error the transaction rolls back. It also plants duplicates for the duplicates
 * review: one card holder in 100 had registered in the web shop before (source {@code webshop}), with the same email
 * in upper case, the same phone written with spaces, or the same name, written differently, and birth date.
 */
final class CsvDataLoader {
    private static final Logger log = LoggerFactory.getLogger(CsvDataLoader.class);
    private static final int BATCH = 10_000;

    record Loaded(
            long stores,
            long products,
            long customers,
            long receipts,
            long lines,
            long surveyAnswers,
            long complaints) {}

    private final BulkLoad bulk;
    private final Timeline timeline;
    private final LoyaltyCards cards;

    CsvDataLoader(BulkLoad bulk, Timeline timeline, LoyaltyCards cards) {
        this.bulk = bulk;
        this.timeline = timeline;
        this.cards = cards;
    }

    private interface FileLoad {
        void load(Reader csv) throws SQLException, IOException;
    }

    Loaded load(Connection connection, Path folder) throws SQLException, IOException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            load(folder, "stores.csv", csv -> bulk.stores(connection, csv));
            load(folder, "salespeople.csv", csv -> bulk.salespeople(connection, csv));
            load(folder, "products.csv", csv -> bulk.products(connection, csv));
            load(folder, "customers.csv", csv -> customers(connection, csv));
            // card holders are members before their receipts come in, so that the receipts earn their points
            cards.enrolCustomersWithCards(connection);
            load(folder, "sales.csv", csv -> bulk.sales(connection, csv, "POS"));
            load(folder, "survey_answers.csv", csv -> bulk.surveyAnswers(connection, csv, "demo"));
            load(folder, "complaints.csv", csv -> complaints(connection, csv));
            Loaded loaded = new Loaded(
                    count(statement, "store"),
                    count(statement, "product"),
                    count(statement, "customer"),
                    count(statement, "sale"),
                    count(statement, "sale_line"),
                    count(statement, "survey_answer"),
                    count(statement, "interaction where kind = 'COMPLAINT'"));
            connection.commit();
            return loaded;
        } catch (SQLException | IOException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The card holders of customers.csv, then the web shop registrations planted beside one in 100 of them. */
    private void customers(Connection connection, Reader csv) throws SQLException, IOException {
        BulkCustomers.loadAsTheyWere(connection, csv, "demo");
        // one card holder in 300 each with the same email, the same phone, or the same name and birth date
        List<BulkCustomers.Row> webshop = new ArrayList<>();
        try (var query = connection.prepareStatement("""
                select n, case when n % 300 = 201 then lower(first_name) else first_name end as first_name,
                       case when n % 300 = 201 then upper(last_name) else last_name end as last_name,
                       case when n % 300 = 201 then birth_date end as birth_date,
                       case when n % 300 = 1 then upper(email) end as email,
                       case when n % 300 = 101 then replace(phone, '-', ' ') end as phone,
                       city, region_id, created_at
                from (select substr(external_id, 2)::int as n, first_name, last_name, birth_date, email, phone, city,
                             region_id, created_at
                      from customer where source = 'demo') holders
                where n % 300 in (1, 101, 201)
                order by n""");
                var rows = query.executeQuery()) {
            while (rows.next()) {
                webshop.add(new BulkCustomers.Row(
                        rows.getLong("n"),
                        null,
                        null,
                        rows.getString("first_name"),
                        rows.getString("last_name"),
                        null,
                        rows.getObject("birth_date", LocalDate.class),
                        rows.getString("email"),
                        rows.getString("phone"),
                        null,
                        null,
                        rows.getString("city"),
                        rows.getObject("region_id", Integer.class),
                        null,
                        null,
                        null,
                        null,
                        Rows.instant(rows, "created_at").minus(Duration.ofDays(90)),
                        Map.of()));
            }
        }
        BulkCustomers.loadAsTheyWere(connection, webshop, "webshop");
    }

    /** Complaints in stores, COMPLAINT entries on the timeline of the customer the file names. */
    private void complaints(Connection connection, Reader csv) throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    create temp table demo_complaint (external_id text, occurred_at timestamptz, summary text)
                    on commit drop""");
        }
        copy(connection, csv, "copy demo_complaint from stdin with (format csv, header match)");
        inBatches(
                connection,
                """
                select c.id as customer_id, x.occurred_at, x.summary
                from demo_complaint x join customer c on c.external_id = x.external_id""",
                rows -> new Timeline.Entry(
                        rows.getLong("customer_id"),
                        Rows.instant(rows, "occurred_at"),
                        InteractionKind.COMPLAINT,
                        "STORE",
                        rows.getString("summary"),
                        Map.of(),
                        "demo",
                        null),
                batch -> timeline.recordAll(connection, batch));
    }

    private interface RowMapper<T> {
        T map(ResultSet rows) throws SQLException;
    }

    private interface BatchWriter<T> {
        void write(List<T> batch) throws SQLException;
    }

    /** Reads the query with a cursor and hands its rows on {@link #BATCH} at a time (the cursor stays open). */
    private static <T> void inBatches(Connection connection, String query, RowMapper<T> mapper, BatchWriter<T> writer)
            throws SQLException {
        List<T> batch = new ArrayList<>(BATCH);
        try (var statement = connection.prepareStatement(query)) {
            statement.setFetchSize(BATCH);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    batch.add(mapper.map(rows));
                    if (batch.size() == BATCH) {
                        writer.write(batch);
                        batch.clear();
                    }
                }
            }
        }
        if (!batch.isEmpty()) {
            writer.write(batch);
        }
    }

    /** {@code header match}: the file's header must name the columns, in order. */
    private static void copy(Connection connection, Reader csv, String copyFromStdin) throws SQLException, IOException {
        CopyRows.copyIn(connection, copyFromStdin, csv);
    }

    private static void load(Path folder, String name, FileLoad load) throws SQLException, IOException {
        long started = System.nanoTime();
        try (Reader csv = Files.newBufferedReader(folder.resolve(name), StandardCharsets.UTF_8)) {
            load.load(csv);
        }
        log.debug("{} ms: {}", (System.nanoTime() - started) / 1_000_000, name);
    }

    private static long count(Statement statement, String table) throws SQLException {
        try (var rows = statement.executeQuery("select count(*) from " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
