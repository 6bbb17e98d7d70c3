package io.clientele.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiScope;
import io.clientele.identity.ApiTokens;
import io.clientele.segment.audience.SegmentAudience;
import io.clientele.segment.summary.SegmentSummaryWorker;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * The four loyalty segment fields count exactly what SQL over the ledger says — the balance and lifetime points as
 * sums of the members' legs, the next expiry from the lots with points left, the tier from the accounts — through
 * the audience index built from the summary, and again at once after a member's points change.
 */
class LoyaltySegmentFieldsIntegrationTest extends ApplicationTestSupport {
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    ApiTokens tokens;

    @Autowired
    SegmentSummaryWorker summaryWorker;

    @Autowired
    SegmentAudience audience;

    @Autowired
    PointsLedger ledger;

    @Autowired
    LoyaltyCards cards;

    @Test
    void eachFieldCountsWhatTheLedgerSays() throws Exception {
        String token = tokens.issue("segments", EnumSet.of(ApiScope.CUSTOMERS_READ), "test")
                .secret();
        summaryWorker.refreshWhenDue();
        audience.reloadIfChanged();
        assertAllExact(token);

        // a demo member's balance and lifetime points change: counted at once, before any refresh
        String card = jdbc.sql("""
                        select k.card_number from loyalty_card k join loyalty_account a on a.id = k.account_id
                        where k.status = 'ACTIVE' and a.customer_id is not null and a.balance > 0
                        order by a.balance, k.card_number limit 1""").query(String.class).optional().orElseThrow();
        ledger.adjust(new PointsLedger.Adjustment(UUID.randomUUID().toString(), card, 20L, "goodwill", "manager"));
        assertAllExact(token);
        assertThat(cards.get(card).customerId()).isNotNull();
    }

    private void assertAllExact(String token) throws Exception {
        assertThat(count(token, "{\"field\":\"loyalty_balance\",\"op\":\"gt\",\"values\":[1000]}"))
                .isEqualTo(ledger("""
                        select count(*) from (select a.customer_id from loyalty_account a
                                              join loyalty_entry e on e.account_id = a.id
                                              where a.customer_id is not null
                                              group by a.customer_id having sum(e.points) > 1000) x"""))
                .isPositive();
        assertThat(count(token, "{\"field\":\"loyalty_lifetime_points\",\"op\":\"between\",\"values\":[2000,8000]}"))
                .isEqualTo(ledger("""
                        select count(*) from (select a.customer_id from loyalty_account a
                                              join loyalty_entry e on e.account_id = a.id
                                              join loyalty_movement m on m.id = e.movement_id
                                              where a.customer_id is not null and e.points > 0
                                                and m.cause in ('EARN', 'BONUS', 'ADJUSTMENT')
                                              group by a.customer_id having sum(e.points) between 2000 and 8000) x"""))
                .isPositive();
        LocalDate from = LocalDate.ofInstant(TEST_NOW, java.time.ZoneOffset.UTC);
        LocalDate to = from.plusMonths(3);
        assertThat(count(
                        token,
                        "{\"field\":\"loyalty_next_expiry\",\"op\":\"between\",\"values\":[\"" + from + "\",\"" + to
                                + "\"]}"))
                .isEqualTo(ledger("""
                        select count(*) from (
                            select a.customer_id, min(m.expires_at) as first
                            from loyalty_account a
                            join (select account_id, lot_id from loyalty_entry where lot_id is not null
                                  group by account_id, lot_id having sum(points) > 0) l on l.account_id = a.id
                            join loyalty_movement m on m.id = l.lot_id
                            where a.customer_id is not null group by a.customer_id) x
                        where (x.first at time zone 'UTC')::date - 1 between '%s' and '%s'""".formatted(from, to)))
                .isPositive();
        for (String tier : new String[] {"Silver", "Gold", "Platinum"}) {
            assertThat(count(token, "{\"field\":\"loyalty_tier\",\"op\":\"eq\",\"values\":[\"" + tier + "\"]}"))
                    .as(tier)
                    .isEqualTo(ledger("""
                            select count(*) from loyalty_account a join loyalty_tier t on t.id = a.tier_id
                            where a.customer_id is not null and t.name = '%s'""".formatted(tier)))
                    .isPositive();
        }
        assertThat(count(token, "{\"field\":\"loyalty_tier\",\"op\":\"is_not_set\"}"))
                .isEqualTo(ledger("""
                        select count(*) from customer c where not exists (
                            select 1 from loyalty_account a where a.customer_id = c.id and a.tier_id is not null)"""));
    }

    private long ledger(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private long count(String token, String condition) throws Exception {
        HttpResponse<String> response =
                api(token, "POST", "/api/v1/segments/count", "{\"condition\":" + condition + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("count").asLong();
    }
}
