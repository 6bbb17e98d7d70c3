package io.clientele.platform;

import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which customers the current person may see and change. Store managers and salespeople are limited to the
 * customers of their stores (a customer belongs to the store that is their home store; a region given to a person
 * stands for its stores) and those they own; everyone else, and integrations, see all. Features add {@link #customerPredicate} to their queries of customers, receipts
 * and calls, so that a page, an API call and an export agree.
 */
public record DataScope(
        @Nullable Set<String> storeCodes, @Nullable String owner) {
    /** No limit. */
    public static final DataScope ALL = new DataScope(null, null);

    public DataScope {
        storeCodes = storeCodes == null ? null : Set.copyOf(storeCodes);
    }

    public boolean unrestricted() {
        return storeCodes == null;
    }

    /**
     * A SQL condition on the customer row {@code alias} (its {@code home_store_id} and {@code owner_username}), with
     * the named parameters {@code scopeStores} and {@code scopeOwner} that {@link #parameters} gives.
     */
    public String customerPredicate(String alias) {
        return predicate(alias + ".home_store_id", alias + ".owner_username");
    }

    /**
     * The same condition on any row that has a store and an owner: {@code storeId} and {@code owner} are SQL
     * expressions (a service request's store, else its customer's home store; the customer's owner).
     */
    public String predicate(String storeId, String owner) {
        if (unrestricted()) {
            return "true";
        }
        // true or false, never unknown: a row without a store or an owner is simply outside
        return "coalesce(" + storeId + " in (select s.id from store s where s.code = any(:scopeStores))" + " or "
                + owner + " = :scopeOwner, false)";
    }

    /** The condition on a store alone ({@code storeId}, SQL): figures of a store, which no one owns. */
    public String storePredicate(String storeId) {
        return predicate(storeId, "cast(null as text)");
    }

    /** Whether a store code is in scope (posting a sale for that store). */
    public boolean includesStore(@Nullable String storeCode) {
        return unrestricted() || (storeCode != null && storeCodes.contains(storeCode));
    }

    public Map<String, Object> parameters() {
        return unrestricted()
                ? Map.of()
                : Map.of("scopeStores", storeCodes.toArray(String[]::new), "scopeOwner", owner == null ? "" : owner);
    }
}
