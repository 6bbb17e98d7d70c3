package io.clientele.merchandising;

import io.clientele.platform.DataScopes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The stores a viewer may choose on the merchandising pages: all, or a store manager's own. */
@Component
class StoreChoices {
    private final JdbcClient jdbc;
    private final DataScopes scopes;

    StoreChoices(JdbcClient jdbc, DataScopes scopes) {
        this.jdbc = jdbc;
        this.scopes = scopes;
    }

    /** Each with its {@code code} and {@code name}, in code order. */
    List<Map<String, Object>> visible() {
        var scope = scopes.current();
        return jdbc
                .sql("select code, name from store order by code")
                .query((rs, n) -> {
                    Map<String, Object> store = new LinkedHashMap<>();
                    store.put("code", rs.getString(1));
                    store.put("name", rs.getString(2));
                    return store;
                })
                .list()
                .stream()
                .filter(store -> scope.includesStore((String) store.get("code")))
                .toList();
    }
}
