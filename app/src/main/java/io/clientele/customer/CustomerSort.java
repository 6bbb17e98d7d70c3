package io.clientele.customer;

import java.util.Arrays;

/** The columns the customer list can be sorted by, each mapped to SQL here and nowhere from user input. */
public enum CustomerSort {
    NAME("name", "c.last_name %1$s nulls last, c.first_name %1$s nulls last, c.id %1$s"),
    CITY("city", "c.city %1$s nulls last, c.id %1$s"),
    LAST_PURCHASE("lastPurchase", "c.last_purchase_at %1$s nulls last, c.id %1$s"),
    CREATED("created", "c.created_at %1$s, c.id %1$s");

    private final String param;
    private final String orderBy;

    CustomerSort(String param, String orderBy) {
        this.param = param;
        this.orderBy = orderBy;
    }

    public String param() {
        return param;
    }

    String orderBy(boolean descending) {
        return orderBy.formatted(descending ? "desc" : "asc");
    }

    public static CustomerSort fromParam(String param) {
        return Arrays.stream(values())
                .filter(s -> s.param.equals(param))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "sort: one of name, city, lastPurchase, created, not '" + param + "'"));
    }
}
