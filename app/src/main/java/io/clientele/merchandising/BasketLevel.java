package io.clientele.merchandising;

/** What counts as an item of a basket; the SQL expression of each is fixed here, never taken from input. */
public enum BasketLevel {
    PRODUCT("p.sku"),
    BRAND("p.brand"),
    CATEGORY("p.category");

    final String column;

    BasketLevel(String column) {
        this.column = column;
    }
}
