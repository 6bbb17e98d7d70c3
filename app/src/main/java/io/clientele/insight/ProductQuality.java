package io.clientele.insight;

import io.clientele.platform.DataScope;
import io.clientele.platform.DataScopes;
import io.clientele.platform.NotFoundException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Complaint and product-failure rates per product and store over a scoring run's lookback (its period): the service
 * requests of category COMPLAINT or PRODUCT_FAILURE that name a product (with the store of their receipt; merged
 * duplicates not counted), read by SQL, against the units of the product sold in that store. Written by the run in
 * its own transaction, next to the satisfaction scores that count the same complaints from the timeline. Rates are
 * per 1,000 units sold; see docs/insight.md.
 */
@Service
public class ProductQuality {
    /** One product in one store (null: complaints whose store is not known), or in all stores. */
    public record Rate(
            int productId,
            String productName,
            @Nullable Integer storeId,
            @Nullable String storeCode,
            @Nullable String storeName,
            long unitsSold,
            int complaints,
            int failures) {
        /** Complaints per 1,000 units sold; null when none were sold. */
        public @Nullable Double complaintRate() {
            return unitsSold == 0 ? null : 1000.0 * complaints / unitsSold;
        }

        /** Product failures per 1,000 units sold; null when none were sold. */
        public @Nullable Double failureRate() {
            return unitsSold == 0 ? null : 1000.0 * failures / unitsSold;
        }
    }

    /** A store that has figures in a run. */
    public record Store(int id, String code, String name) {}

    private final JdbcClient jdbc;
    private final DataScopes scopes;

    ProductQuality(JdbcClient jdbc, DataScopes scopes) {
        this.jdbc = jdbc;
        this.scopes = scopes;
    }

    /** Writes the run's rows: every product and store with a sale or a complaint in {@code [from, to)}. */
    static void write(Connection connection, long runId, Timestamp from, Timestamp to) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into product_quality (run_id, product_id, store_id, units_sold, complaints, failures)
                with sold as (
                    select l.product_id, s.store_id, sum(l.quantity) as units
                    from sale s join sale_line l on l.sale_id = s.id
                    where s.kind = 'SALE' and s.sold_at >= ? and s.sold_at < ?
                    group by l.product_id, s.store_id),
                complained as (
                    select r.product_id, r.store_id, count(*) as complaints,
                           count(*) filter (where r.category = 'PRODUCT_FAILURE') as failures
                    from service_request r
                    where r.category in ('COMPLAINT', 'PRODUCT_FAILURE') and r.product_id is not null
                      and r.status <> 'MERGED' and r.created_at >= ? and r.created_at < ?
                    group by 1, 2)
                select ?, coalesce(s.product_id, c.product_id), coalesce(s.store_id, c.store_id),
                       coalesce(s.units, 0), coalesce(c.complaints, 0), coalesce(c.failures, 0)
                from sold s full join complained c on c.product_id = s.product_id and c.store_id = s.store_id
                """)) {
            insert.setTimestamp(1, from);
            insert.setTimestamp(2, to);
            insert.setTimestamp(3, from);
            insert.setTimestamp(4, to);
            insert.setLong(5, runId);
            insert.executeUpdate();
        }
    }

    /**
     * The run's rates of one product (all its products when null) in one store (all when null), per store, or summed
     * over the stores when {@code byStore} is false; the highest failure count first. A store manager's figures are
     * those of their stores (complaints whose store is not known are no store's).
     */
    public List<Rate> ofRun(long runId, @Nullable Integer productId, @Nullable Integer storeId, boolean byStore) {
        requireRun(runId);
        DataScope scope = scopes.current();
        String store = byStore ? "q.store_id" : "cast(null as integer)";
        return jdbc.sql("select q.product_id, p.name, " + store + " as store_id, min(s.code) as store_code,"
                        + " min(s.name) as store_name, sum(q.units_sold) as units,"
                        + " sum(q.complaints) as complaints, sum(q.failures) as failures"
                        + " from product_quality q join product p on p.id = q.product_id"
                        + " left join store s on s.id = q.store_id and " + byStore
                        + " where q.run_id = :run and (cast(:product as integer) is null or q.product_id = :product)"
                        + " and (cast(:store as integer) is null or q.store_id = :store) and "
                        + scope.storePredicate("q.store_id")
                        + " group by q.product_id, p.name, " + store
                        + " having sum(q.complaints) > 0 or cast(:product as integer) is not null"
                        + " order by sum(q.failures) desc, sum(q.complaints) desc, q.product_id limit 500")
                .param("run", runId)
                .param("product", productId)
                .param("store", storeId)
                .params(scope.parameters())
                .query((rs, n) -> new Rate(
                        rs.getInt("product_id"),
                        rs.getString("name"),
                        rs.getObject("store_id", Integer.class),
                        rs.getString("store_code"),
                        rs.getString("store_name"),
                        rs.getLong("units"),
                        rs.getInt("complaints"),
                        rs.getInt("failures")))
                .list();
    }

    /** The stores with figures in the run that the current person may see, by code. */
    public List<Store> storesOf(long runId) {
        requireRun(runId);
        DataScope scope = scopes.current();
        return jdbc.sql("select s.id, s.code, s.name from store s where exists (select 1 from product_quality q"
                        + " where q.run_id = :run and q.store_id = s.id) and " + scope.storePredicate("s.id")
                        + " order by s.code")
                .param("run", runId)
                .params(scope.parameters())
                .query((rs, n) -> new Store(rs.getInt("id"), rs.getString("code"), rs.getString("name")))
                .list();
    }

    private void requireRun(long runId) {
        if (!jdbc.sql("select exists (select 1 from score_run where id = :id)")
                .param("id", runId)
                .query(Boolean.class)
                .single()) {
            throw new NotFoundException("No scoring run " + runId);
        }
    }
}
