package io.clientele.loyalty;

import io.clientele.customer.CustomerMergeParticipant;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * A merged customer's loyalty account: taken over whole when the survivor has none; otherwise its cards join the
 * survivor's account and each of its lots moves there in one MERGE movement, keeping its expiry, and its receipts'
 * qualification for tiers with them (the survivor keeps their tier until their next receipt or review).
 */
@Component
class LoyaltyMergeParticipant implements CustomerMergeParticipant {
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Clock clock;

    LoyaltyMergeParticipant(JdbcClient jdbc, DataSource dataSource, Clock clock) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "loyalty";
    }

    @Override
    public int countRows(long fromId) {
        return jdbc.sql("select count(*) from loyalty_account where customer_id = :id")
                .param("id", fromId)
                .query(Integer.class)
                .single();
    }

    @Override
    public void moveRows(long fromId, long toId) {
        Long from = accountOf(fromId);
        if (from == null) {
            return;
        }
        Long to = accountOf(toId);
        if (to == null) {
            jdbc.sql("update loyalty_account set customer_id = :to where id = :from")
                    .param("to", toId)
                    .param("from", from)
                    .update();
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            Postings postings = new Postings(connection);
            postings.lock(Math.min(from, to));
            postings.lock(Math.max(from, to));
            var lots = postings.lots(from);
            if (!lots.isEmpty()) {
                Long movement = postings.insertMovement(
                        new Postings.Cause(
                                "merge:" + from + ":" + to,
                                Postings.Kind.MERGE,
                                clock.instant(),
                                null,
                                "customer " + fromId + " merged into " + toId,
                                null,
                                "system"),
                        null);
                for (Postings.Lot lot : lots) {
                    postings.moveLot(movement, from, to, lot);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        // what the merged member's receipts count towards a tier counts for the survivor from their next receipt
        jdbc.sql("update loyalty_qualification set account_id = :to where account_id = :from")
                .param("to", to)
                .param("from", from)
                .update();
        jdbc.sql("update loyalty_card set account_id = :to where account_id = :from")
                .param("to", to)
                .param("from", from)
                .update();
        jdbc.sql(
                        "update loyalty_hold set status = 'CANCELLED', settled_at = now() where account_id = :from and status = 'HELD'")
                .param("from", from)
                .update();
        jdbc.sql("update loyalty_account set customer_id = null where id = :from")
                .param("from", from)
                .update();
    }

    private @Nullable Long accountOf(long customerId) {
        return jdbc.sql("select id from loyalty_account where customer_id = :id")
                .param("id", customerId)
                .query(Long.class)
                .optional()
                .orElse(null);
    }
}
