package io.clientele.ingest;

import io.clientele.platform.DataScope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Stores, regions, products and salespeople by code, read once per import (they are small) or per POS request. */
final class ReferenceData {
    record ProductRef(int id, long costCents) {}

    private final Connection connection;
    /** The stores the importing person may record receipts for (all, unless a store manager imports). */
    private DataScope scope = DataScope.ALL;

    final Map<String, Integer> stores = new HashMap<>();
    final Map<String, Integer> regions = new HashMap<>();
    final Map<String, ProductRef> products = new HashMap<>();
    final Map<String, Integer> salespeople = new HashMap<>();

    ReferenceData(Connection connection) throws SQLException {
        this.connection = connection;
        try (var statement = connection.createStatement()) {
            try (var rows = statement.executeQuery("select code, id from store")) {
                while (rows.next()) {
                    stores.put(rows.getString(1), rows.getInt(2));
                }
            }
            try (var rows = statement.executeQuery("select code, id from region")) {
                while (rows.next()) {
                    regions.put(rows.getString(1), rows.getInt(2));
                }
            }
            try (var rows = statement.executeQuery("select sku, id, (cost * 100)::bigint from product")) {
                while (rows.next()) {
                    products.put(rows.getString(1), new ProductRef(rows.getInt(2), rows.getLong(3)));
                }
            }
            try (var rows = statement.executeQuery("select code, id from salesperson")) {
                while (rows.next()) {
                    salespeople.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
    }

    /**
     * Only the stores, products and salespeople that a few receipts name, in one statement: a POS request names a
     * handful of the thousands of products, and reading all of them was most of its time.
     */
    ReferenceData(Connection connection, Set<String> storeCodes, Set<String> skus, Set<String> salespersonCodes)
            throws SQLException {
        this.connection = connection;
        try (var query = connection.prepareStatement("""
                select 's', code, id, 0 from store where code = any(?)
                union all
                select 'p', sku, id, (cost * 100)::bigint from product where sku = any(?)
                union all
                select 'x', code, id, 0 from salesperson where code = any(?)""")) {
            query.setArray(1, connection.createArrayOf("text", storeCodes.toArray()));
            query.setArray(2, connection.createArrayOf("text", skus.toArray()));
            query.setArray(3, connection.createArrayOf("text", salespersonCodes.toArray()));
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    switch (rows.getString(1)) {
                        case "s" -> stores.put(rows.getString(2), rows.getInt(3));
                        case "p" -> products.put(rows.getString(2), new ProductRef(rows.getInt(3), rows.getLong(4)));
                        default -> salespeople.put(rows.getString(2), rows.getInt(3));
                    }
                }
            }
        }
    }

    /** A salesperson seen for the first time on a receipt is created at that store, named by the code. */
    int salesperson(String code, int storeId) throws SQLException {
        Integer known = salespeople.get(code);
        if (known != null) {
            return known;
        }
        try (var insert = connection.prepareStatement("""
                insert into salesperson (code, name, store_id) values (?, ?, ?)
                on conflict (code) do update set code = excluded.code returning id""")) {
            insert.setString(1, code);
            insert.setString(2, code);
            insert.setInt(3, storeId);
            try (var rows = insert.executeQuery()) {
                rows.next();
                int id = rows.getInt(1);
                salespeople.put(code, id);
                return id;
            }
        }
    }

    @Nullable
    Integer store(String code) {
        return stores.get(code);
    }

    /** The same data, limited to the stores of this scope for {@link #storeProblem}. */
    ReferenceData within(DataScope scope) {
        this.scope = scope;
        return this;
    }

    /** Why a receipt may not name this store (unknown, or outside the importing person's stores); null if it may. */
    @Nullable
    String storeProblem(String code) {
        if (!stores.containsKey(code)) {
            return "unknown store '" + code + "'; import stores first";
        }
        return scope.includesStore(code)
                ? null
                : "store '" + code + "' is outside the stores of whoever imported the file";
    }
}
