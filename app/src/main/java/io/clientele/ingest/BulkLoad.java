package io.clientele.ingest;

import io.clientele.customer.Timeline;
import io.clientele.platform.db.CopyRows;
import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Whole CSV files of a generated data set (the demo's, {@code ./clientele generate}) loaded into this feature's
 * tables on the caller's connection, in its transaction: each file with one COPY into a temporary table, then
 * set-based statements that resolve the codes. The rows are trusted (generated): nothing is checked or rejected and
 * no import job is kept; a file whose header differs from the columns a method names fails whole. Each method's
 * temporary table is emptied when it starts and dropped at commit. Files people send go through the imports instead
 * ({@link Imports}).
 */
@Component
public class BulkLoad {
    private final Timeline timeline;
    private final List<ReceiptsParticipant> participants;

    BulkLoad(Timeline timeline, List<ReceiptsParticipant> participants) {
        this.timeline = timeline;
        this.participants = participants;
    }

    /** Stores and their regions; columns store_code, name, region_code, region_name, city, opened_on. */
    public void stores(Connection connection, Reader csv) throws SQLException, IOException {
        execute(connection, """
                create temp table if not exists bulk_store (store_code text, name text, region_code text,
                    region_name text, city text, opened_on date) on commit drop;
                truncate bulk_store""");
        copy(connection, csv, "copy bulk_store from stdin with (format csv, header match)");
        execute(connection, """
                insert into region (code, name) select distinct region_code, region_name from bulk_store
                on conflict (code) do nothing""");
        execute(connection, """
                insert into store (code, name, region_id, city, opened_on)
                select s.store_code, s.name, r.id, s.city, s.opened_on
                from bulk_store s join region r on r.code = s.region_code""");
    }

    /** Salespeople of stores loaded before; columns salesperson_code, name, store_code. */
    public void salespeople(Connection connection, Reader csv) throws SQLException, IOException {
        execute(connection, """
                create temp table if not exists bulk_salesperson (salesperson_code text, name text, store_code text)
                on commit drop;
                truncate bulk_salesperson""");
        copy(connection, csv, "copy bulk_salesperson from stdin with (format csv, header match)");
        execute(connection, """
                insert into salesperson (code, name, store_id)
                select p.salesperson_code, p.name, s.id
                from bulk_salesperson p join store s on s.code = p.store_code""");
    }

    /** Products; columns sku, name, brand, model, category, price, cost. */
    public void products(Connection connection, Reader csv) throws SQLException, IOException {
        execute(connection, """
                create temp table if not exists bulk_product (sku text, name text, brand text, model text,
                    category text, price numeric, cost numeric) on commit drop;
                truncate bulk_product""");
        copy(connection, csv, "copy bulk_product from stdin with (format csv, header match)");
        execute(connection, """
                insert into product (sku, name, brand, model, category, price, cost)
                select sku, name, brand, model, category, price, cost from bulk_product""");
    }

    /**
     * Receipts, one row per line with the receipt's columns repeated, of stores, salespeople and products loaded
     * before; a card number names a customer stored before, or none (the sale stays anonymous and keeps the card).
     * Columns receipt_id, kind, store_code, salesperson_code, sold_at, card_number, line_no, sku, quantity,
     * unit_price, discount, coupon_code. The customers' first and last purchase take the receipts in.
     */
    public void sales(Connection connection, Reader csv, String source) throws SQLException, IOException {
        execute(connection, """
                create temp table if not exists bulk_sale (receipt_id text, kind text, store_code text,
                    salesperson_code text, sold_at timestamptz, card_number text, line_no smallint, sku text,
                    quantity integer, unit_price numeric, discount numeric, coupon_code text) on commit drop;
                truncate bulk_sale""");
        copy(connection, csv, "copy bulk_sale from stdin with (format csv, header match)");
        execute(connection, "analyze bulk_sale");
        // the customers' purchase dates are told from the receipts as the insert returns them
        try (var insert = connection.prepareStatement("""
                with written as (
                    insert into sale (source, receipt_id, kind, store_id, salesperson_id, customer_id, card_number,
                                      sold_at, total_amount, total_cost)
                    select ?, l.receipt_id, min(l.kind), min(st.id), min(sp.id), min(cu.id), min(l.card_number),
                           min(l.sold_at), sum(l.quantity * l.unit_price - l.discount), sum(l.quantity * p.cost)
                    from bulk_sale l
                    join store st on st.code = l.store_code
                    join product p on p.sku = l.sku
                    left join salesperson sp on sp.code = l.salesperson_code
                    left join customer cu on cu.card_number = l.card_number
                    group by l.receipt_id
                    returning customer_id, kind, sold_at)
                """ + Purchases.SPANS.formatted("written"))) {
            insert.setString(1, source);
            Purchases.tellCustomers(connection, insert);
        }
        try (var insert = connection.prepareStatement("""
                insert into sale_line (sale_id, line_no, product_id, quantity, unit_price, discount, amount, unit_cost,
                                       coupon_code)
                select s.id, l.line_no, p.id, l.quantity, l.unit_price, l.discount,
                       l.quantity * l.unit_price - l.discount, p.cost, l.coupon_code
                from bulk_sale l join sale s on s.source = ? and s.receipt_id = l.receipt_id
                join product p on p.sku = l.sku""")) {
            insert.setString(1, source);
            insert.executeUpdate();
        }
        long[] ids;
        try (var query = connection.prepareStatement(
                "select s.id from sale s where s.source = ? and s.receipt_id in (select receipt_id from bulk_sale)")) {
            query.setString(1, source);
            List<Long> stored = new ArrayList<>();
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getLong(1));
                }
            }
            ids = stored.stream().mapToLong(Long::longValue).toArray();
        }
        for (ReceiptsParticipant participant : participants) {
            participant.receiptsStored(connection, ids);
        }
    }

    /**
     * Survey answers of customers stored before, named by customer number; columns external_id, survey, aspect,
     * perceived, expected, answered_at. A customer's first answers to a survey go on their timeline, as an import's
     * do.
     */
    public void surveyAnswers(Connection connection, Reader csv, String source) throws SQLException, IOException {
        execute(connection, """
                create temp table if not exists bulk_survey_answer (external_id text, survey text, aspect text,
                    perceived smallint, expected smallint, answered_at timestamptz) on commit drop;
                truncate bulk_survey_answer""");
        copy(connection, csv, "copy bulk_survey_answer from stdin with (format csv, header match)");
        try (var insert = connection.prepareStatement("""
                with written as (
                    insert into survey_answer (customer_id, survey, aspect, perceived, expected, answered_at, source)
                    select c.id, a.survey, a.aspect, a.perceived, a.expected, a.answered_at, ?
                    from bulk_survey_answer a join customer c on c.external_id = a.external_id
                    returning customer_id, survey, answered_at)
                """ + SurveyAnswersImporter.WRITTEN_BY_CUSTOMER_AND_SURVEY)) {
            insert.setString(1, source);
            SurveyAnswersImporter.writeAndPutFirstAnswersOnTimeline(
                    connection, insert, timeline, Map.of(), source, null);
        }
    }

    /** {@code header match}: the file's header must name the temporary table's columns, in order. */
    private static void copy(Connection connection, Reader csv, String copyFromStdin) throws SQLException, IOException {
        CopyRows.copyIn(connection, copyFromStdin, csv);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
