package io.clientele.ingest;

import io.clientele.platform.db.CopyRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Products keyed by SKU: created, updated where a value differs, or counted unchanged. */
record ProductsImporter(Connection connection, int[] columns, ZoneId zone) implements Importer {
    private static final ImportKind KIND = ImportKind.PRODUCTS;

    @Override
    public Counts importChunk(List<SourceLine> lines, List<Reject> rejects) throws SQLException {
        Staging.create(connection, """
                create temp table if not exists stg_product (sku text, name text, brand text, model text,
                    category text, price numeric(12, 2), cost numeric(12, 2))
                on commit delete rows""");
        CopyRows staged = new CopyRows();
        Map<String, Long> seen = new HashMap<>();
        for (Row row : Row.readable(KIND, columns, lines, rejects, zone)) {
            String sku = row.required(KIND.index("sku"));
            row.firstOccurrence(KIND.index("sku"), sku, seen, "product");
            String name = row.required(KIND.index("name"));
            String brand = row.required(KIND.index("brand"));
            String category = row.required(KIND.index("category"));
            Long price = row.cents(KIND.index("price"), true);
            Long cost = row.cents(KIND.index("cost"), true);
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
                        .add(row.text(KIND.index("model")))
                        .add(category);
                staged.cents(price).cents(cost);
                staged.endRow();
            }
        }
        staged.copyInto(connection, "copy stg_product from stdin");
        try (var statement = connection.createStatement()) {
            long stagedRows = Staging.count(connection, "stg_product");
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
