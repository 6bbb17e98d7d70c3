package io.clientele.demo;

import io.clientele.customer.PurchaseDates;
import io.clientele.platform.db.Rows;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a folder written by the generator into the database in one transaction: COPY into typed staging
 * tables, then set-based inserts that resolve the natural keys (store code, sku, card number). Nothing is left
 * half-loaded: on any error the transaction rolls back. Survey answers go to {@code survey_answer} (source
 * {@code demo}, one SURVEY_ANSWERED timeline entry per customer and survey) and complaints to the timeline as
 * COMPLAINT interactions on the channel STORE. It also plants duplicates for the duplicates review: one card
 * holder in 100 had registered in the web shop before (source {@code webshop}), with the same email in upper case, the
 * same phone written with spaces, or the same name, written differently, and birth date.
 */
final class CsvDataLoader {
    private static final Logger log = LoggerFactory.getLogger(CsvDataLoader.class);

    record Loaded(
            long stores,
            long products,
            long customers,
            long receipts,
            long lines,
            long surveyAnswers,
            long complaints) {}

    private static final String STAGING = """
            create temp table stg_store (store_code text, name text, region_code text, region_name text, city text,
                                         opened_on date) on commit drop;
            create temp table stg_salesperson (salesperson_code text, name text, store_code text) on commit drop;
            create temp table stg_product (sku text, name text, brand text, model text, category text,
                                           price numeric, cost numeric) on commit drop;
            create temp table stg_customer (external_id text, card_number text, first_name text, last_name text,
                gender text, birth_date date, email text, phone text, address_line text, postal_code text, city text,
                region_code text, income_band text, occupation text, education text, home_store_code text,
                created_at timestamptz, consent_email boolean, consent_sms boolean, consent_mail boolean,
                consent_phone boolean) on commit drop;
            create temp table stg_sales (receipt_id text, kind text, store_code text, salesperson_code text,
                sold_at timestamptz, card_number text, line_no smallint, sku text, quantity integer,
                unit_price numeric, discount numeric, coupon_code text) on commit drop;
            create temp table stg_survey_answer (external_id text, survey text, aspect text, perceived smallint,
                expected smallint, answered_at timestamptz) on commit drop;
            create temp table stg_complaint (external_id text, occurred_at timestamptz, summary text) on commit drop;
            """;

    private static final String[] RESOLVE = {
        """
        insert into region (code, name) select distinct region_code, region_name from stg_store
        on conflict (code) do nothing""", """
        insert into store (code, name, region_id, city, opened_on)
        select s.store_code, s.name, r.id, s.city, s.opened_on from stg_store s join region r on r.code = s.region_code""", """
        insert into salesperson (code, name, store_id)
        select p.salesperson_code, p.name, s.id from stg_salesperson p join store s on s.code = p.store_code""", """
        insert into product (sku, name, brand, model, category, price, cost)
        select sku, name, brand, model, category, price, cost from stg_product""", """
        insert into customer (external_id, card_number, first_name, last_name, gender, birth_date, email, phone,
                              address_line, postal_code, city, region_id, income_band, occupation, education,
                              home_store_id, source, created_at, updated_at)
        select c.external_id, c.card_number, c.first_name, c.last_name, c.gender, c.birth_date, c.email, c.phone,
               c.address_line, c.postal_code, c.city, r.id, c.income_band, c.occupation, c.education, s.id, 'demo',
               c.created_at, c.created_at
        from stg_customer c left join region r on r.code = c.region_code left join store s on s.code = c.home_store_code""", """
        insert into customer_consent (customer_id, channel, granted, source, recorded_at)
        select cu.id, x.channel, x.granted, 'registration', c.created_at
        from stg_customer c join customer cu on cu.external_id = c.external_id
        cross join lateral (values ('EMAIL', c.consent_email), ('SMS', c.consent_sms), ('MAIL', c.consent_mail),
                                   ('PHONE', c.consent_phone)) as x(channel, granted)
        where x.granted is not null""", """
        insert into customer_consent_event (customer_id, channel, granted, source, recorded_at)
        select customer_id, channel, granted, source, recorded_at from customer_consent""", """
        insert into customer (first_name, last_name, birth_date, email, phone, city, region_id, source, created_at,
                              updated_at)
        select case when n % 300 = 201 then lower(first_name) else first_name end,
               case when n % 300 = 201 then upper(last_name) else last_name end,
               case when n % 300 = 201 then birth_date end,
               case when n % 300 = 1 then upper(email) end,
               case when n % 300 = 101 then replace(phone, '-', ' ') end,
               city, region_id, 'webshop', created_at - interval '90 days', created_at - interval '90 days'
        from (select c.*, substr(c.external_id, 2)::int as n from customer c) holders
        where n % 300 in (1, 101, 201)""", """
        insert into sale (source, receipt_id, kind, store_id, salesperson_id, customer_id, card_number, sold_at,
                          total_amount, total_cost)
        select 'POS', l.receipt_id, min(l.kind), min(st.id), min(sp.id), min(cu.id), min(l.card_number), min(l.sold_at),
               sum(l.quantity * l.unit_price - l.discount), sum(l.quantity * p.cost)
        from stg_sales l
        join store st on st.code = l.store_code
        join product p on p.sku = l.sku
        left join salesperson sp on sp.code = l.salesperson_code
        left join customer cu on cu.card_number = l.card_number
        group by l.receipt_id""", """
        insert into sale_line (sale_id, line_no, product_id, quantity, unit_price, discount, amount, unit_cost,
                               coupon_code)
        select s.id, l.line_no, p.id, l.quantity, l.unit_price, l.discount, l.quantity * l.unit_price - l.discount,
               p.cost, l.coupon_code
        from stg_sales l join sale s on s.source = 'POS' and s.receipt_id = l.receipt_id join product p on p.sku = l.sku""", """
        insert into survey_answer (customer_id, survey, aspect, perceived, expected, answered_at, source)
        select c.id, a.survey, a.aspect, a.perceived, a.expected, a.answered_at, 'demo'
        from stg_survey_answer a join customer c on c.external_id = a.external_id""", """
        insert into interaction (customer_id, occurred_at, kind, summary, details, source)
        select customer_id, max(answered_at), 'SURVEY_ANSWERED', survey || ': ' || count(*) || ' aspects',
               jsonb_build_object('survey', survey, 'aspects', count(*)), 'demo'
        from survey_answer where source = 'demo' group by customer_id, survey""", """
        insert into interaction (customer_id, occurred_at, kind, channel, summary, source)
        select c.id, x.occurred_at, 'COMPLAINT', 'STORE', x.summary, 'demo'
        from stg_complaint x join customer c on c.external_id = x.external_id""",
    };

    Loaded load(Connection connection, Path folder) throws SQLException, IOException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute(STAGING);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copyFile(copy, "stg_store", folder.resolve("stores.csv"));
            copyFile(copy, "stg_salesperson", folder.resolve("salespeople.csv"));
            copyFile(copy, "stg_product", folder.resolve("products.csv"));
            copyFile(copy, "stg_customer", folder.resolve("customers.csv"));
            copyFile(copy, "stg_sales", folder.resolve("sales.csv"));
            copyFile(copy, "stg_survey_answer", folder.resolve("survey_answers.csv"));
            copyFile(copy, "stg_complaint", folder.resolve("complaints.csv"));
            statement.execute("analyze stg_sales; analyze stg_customer");
            for (String sql : RESOLVE) {
                long started = System.nanoTime();
                statement.execute(sql);
                log.debug("{} ms: {}", (System.nanoTime() - started) / 1_000_000, firstLine(sql));
                if (sql.contains("insert into sale_line")) {
                    purchaseDates(connection);
                }
            }
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

    private static void purchaseDates(Connection connection) throws SQLException {
        long started = System.nanoTime();
        PurchaseDates dates = new PurchaseDates(connection);
        try (var query = connection.prepareStatement("""
                select customer_id, min(sold_at) as first_at, max(sold_at) as last_at from sale
                where kind = 'SALE' and customer_id is not null group by customer_id""")) {
            query.setFetchSize(10_000);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    dates.add(
                            rows.getLong("customer_id"), Rows.instant(rows, "first_at"), Rows.instant(rows, "last_at"));
                }
            }
        }
        dates.flush();
        log.debug("{} ms: purchase dates", (System.nanoTime() - started) / 1_000_000);
    }

    private static void copyFile(CopyManager copy, String table, Path file) throws SQLException, IOException {
        long started = System.nanoTime();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long rows = copy.copyIn("copy " + table + " from stdin with (format csv, header true)", reader, 1 << 16);
            log.debug("{} ms: copied {} rows into {}", (System.nanoTime() - started) / 1_000_000, rows, table);
        }
    }

    private static String firstLine(String sql) {
        String line = sql.strip();
        int end = line.indexOf('\n');
        return end < 0 ? line : line.substring(0, end);
    }

    private static long count(Statement statement, String table) throws SQLException {
        try (var rows = statement.executeQuery("select count(*) from " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
