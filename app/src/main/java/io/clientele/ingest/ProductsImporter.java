package io.clientele.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Products keyed by SKU: created, updated where a value differs, or counted unchanged. */
final class ProductsImporter implements Importer {
    private static final ImportKind KIND = ImportKind.PRODUCTS;
    private final Connection connection;
    private final int[] columns;
    private final ZoneId zone;

    ProductsImporter(Connection connection, int[] columns, ZoneId zone) {
        this.connection = connection;
        this.columns = columns;
        this.zone = zone;
    }

    private static int field(String name) {
        return KIND.fields().indexOf(KIND.field(name).orElseThrow());
    }

    @Override
    public Counts importChunk(List<SourceLine> lines, List<Reject> rejects) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("""
                    create temp table if not exists stg_product (sku text, name text, brand text, model text,
                        category text, price numeric(12, 2), cost numeric(12, 2)) on commit delete rows""");
        }
        CopyRows staged = new CopyRows();
        Map<String, Long> seen = new HashMap<>();
        for (SourceLine line : lines) {
            Row row = new Row(KIND, columns, line, rejects, zone);
            if (line.error() != null) {
                row.reject(null, line.error());
                continue;
            }
            String sku = row.required(field("sku"));
            Long earlier = sku == null ? null : seen.putIfAbsent(sku, line.number());
            if (earlier != null) {
                row.reject("sku", "product " + sku + " already appeared at line " + earlier);
            }
            String name = row.required(field("name"));
            String brand = row.required(field("brand"));
            String category = row.required(field("category"));
            Long price = row.cents(field("price"), true);
            Long cost = row.cents(field("cost"), true);
            if (price != null && price < 0) {
                row.reject("price", "must not be negative");
            }
            if (cost != null && cost < 0) {
                row.reject("cost", "must not be negative");
            }
            if (row.valid()) {
                staged.add(sku)
                        .add(name)
                        .add(brand)
                        .add(row.text(field("model")))
                        .add(category);
                staged.cents(price).cents(cost);
                staged.endRow();
            }
        }
        staged.copyInto(connection, "stg_product");
        try (var statement = connection.createStatement()) {
            long stagedRows;
            try (var rows = statement.executeQuery("select count(*) from stg_product")) {
                rows.next();
                stagedRows = rows.getLong(1);
            }
            long written = statement.executeUpdate("""
                    insert into product (sku, name, brand, model, category, price, cost)
                    select sku, name, brand, coalesce(model, ''), category, price, cost from stg_product
                    on conflict (sku) do update
                    set name = excluded.name, brand = excluded.brand,
                        model = case when excluded.model = '' then product.model else excluded.model end,
                        category = excluded.category, price = excluded.price, cost = excluded.cost
                    where (product.name, product.brand, product.model, product.category, product.price, product.cost)
                          is distinct from (excluded.name, excluded.brand,
                                            case when excluded.model = '' then product.model else excluded.model end,
                                            excluded.category, excluded.price, excluded.cost)""");
            return new Counts(written, stagedRows - written);
        }
    }
}
