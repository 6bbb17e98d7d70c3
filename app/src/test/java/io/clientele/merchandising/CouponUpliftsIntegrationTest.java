package io.clientele.merchandising;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two planted coupon steps a century back: one with a control group (treated members spend 100 in the window, half
 * of them with their coupon at 20% off the list value; control members 50), measured against the control; one
 * without, measured against the members' own 20 days before (50 before, 80 after).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CouponUpliftsIntegrationTest extends ApplicationTestSupport {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final Instant FROZEN =
            LocalDate.of(1925, 3, 2).atStartOfDay(ZoneOffset.UTC).toInstant();

    @Autowired
    ApiTokens tokens;

    @Autowired
    JsonMapper json;

    String analyst;

    @BeforeAll
    void plant() {
        analyst = tokens.issue("coupon-analyst", Role.ANALYST.scopes(), "test").secret();
        jdbc.sql("""
                        insert into product (sku, name, brand, model, category, price, cost)
                        values ('CPN-1', 'Planted coupon good', 'Test', 'C1', 'Test coupons', 100.00, 60.00)
                        on conflict (sku) do nothing""").update();
        long withControl = step("Coupon with control", LocalDate.of(1925, 3, 21));
        for (int i = 0; i < 10; i++) {
            long treated = customer();
            String code = member(withControl, treated, "TREATED");
            receipt(treated, FROZEN.minus(Duration.ofDays(5)), 50, null);
            receipt(treated, FROZEN.plus(Duration.ofDays(3)), 100, i % 2 == 0 ? code : null);
            long control = customer();
            member(withControl, control, "CONTROL");
            receipt(control, FROZEN.minus(Duration.ofDays(5)), 50, null);
            receipt(control, FROZEN.plus(Duration.ofDays(3)), 50, null);
        }
        long withoutControl = step("Coupon without control", LocalDate.of(1925, 3, 21));
        for (int i = 0; i < 10; i++) {
            long treated = customer();
            member(withoutControl, treated, "TREATED");
            receipt(treated, FROZEN.minus(Duration.ofDays(5)), 50, null);
            receipt(treated, FROZEN.plus(Duration.ofDays(3)), 80, null);
            // outside both windows: before the 20 days before, after the coupon's last day
            receipt(treated, FROZEN.minus(Duration.ofDays(40)), 999, null);
            receipt(treated, FROZEN.plus(Duration.ofDays(40)), 999, null);
        }
    }

    private long step(String name, LocalDate validUntil) {
        long campaign = jdbc.sql("""
                        insert into campaign (name, purpose, owner_username, status, created_by, created_at, updated_at)
                        values (:name, 'CROSS_SELL', 'marketer', 'COMPLETED', 'test', :at, :at) returning id""")
                .param("name", name)
                .param("at", Timestamp.from(FROZEN))
                .query(Long.class)
                .single();
        return jdbc.sql("""
                        insert into campaign_step (campaign_id, position, name, channel, coupon_value,
                                                   coupon_valid_until, status, frozen_at, sent_at)
                        values (:campaign, 1, :name, 'COUPON', 20, :until, 'SENT', :at, :at) returning id""")
                .param("campaign", campaign)
                .param("name", name + " step")
                .param("until", validUntil)
                .param("at", Timestamp.from(FROZEN))
                .query(Long.class)
                .single();
    }

    private long customer() {
        return jdbc.sql("insert into customer (first_name, last_name) values ('Coupon', 'Member') returning id")
                .query(Long.class)
                .single();
    }

    private String member(long step, long customer, String group) {
        String code = "UPLIFT" + IDS.incrementAndGet();
        boolean treated = group.equals("TREATED");
        jdbc.sql("""
                        insert into campaign_member (step_id, customer_id, campaign_id, member_group, send_status,
                                                     coupon_code, sent_at)
                        select :step, :customer, campaign_id, :group, :status, :code, :at from campaign_step
                        where id = :step""")
                .param("step", step)
                .param("customer", customer)
                .param("group", group)
                .param("status", treated ? "SENT" : null)
                .param("code", treated ? code : null)
                .param("at", treated ? Timestamp.from(FROZEN) : null)
                .update();
        return code;
    }

    /** A receipt of {@code amount}; with a coupon, one line of list value amount / 0.8 discounted by 20%. */
    private void receipt(long customer, Instant at, double amount, @Nullable String coupon) {
        BigDecimal net = BigDecimal.valueOf(amount);
        BigDecimal gross = coupon == null ? net : BigDecimal.valueOf(amount / 0.8);
        long sale = jdbc.sql("""
                        insert into sale (source, receipt_id, kind, store_id, customer_id, sold_at, total_amount,
                                          total_cost)
                        values ('COUPON-TEST', :id, 'SALE', (select min(id) from store), :customer, :at, :amount, 0)
                        returning id""")
                .param("id", "CU-" + IDS.incrementAndGet())
                .param("customer", customer)
                .param("at", Timestamp.from(at))
                .param("amount", net)
                .query(Long.class)
                .single();
        jdbc.sql("""
                        insert into sale_line (sale_id, line_no, product_id, quantity, unit_price, discount, amount,
                                               unit_cost, coupon_code)
                        select :sale, 1, id, 1, :gross, :gross - :net, :net, 0, :coupon from product where sku = 'CPN-1'""")
                .param("sale", sale)
                .param("gross", gross)
                .param("net", net)
                .param("coupon", coupon)
                .update();
    }

    private JsonNode step(JsonNode result, String name) {
        for (JsonNode step : result.get("steps"))
            if (step.get("step").asString().equals(name)) return step;
        throw new AssertionError(name + " not in " + result);
    }

    @Test
    void measuresAgainstTheControlGroupWhereThereIsOneAndTheBaselineWhereNot() throws Exception {
        HttpResponse<String> response =
                api(analyst, "GET", "/api/v1/merchandising/coupon-uplift?from=1925-01-01&to=1925-12-31", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = json.readTree(response.body());
        assertThat(result.get("steps")).hasSize(2);

        JsonNode control = step(result, "Coupon with control step");
        assertThat(control.get("measure").asString()).isEqualTo("CONTROL");
        assertThat(control.get("treated").asLong()).isEqualTo(10);
        assertThat(control.get("control").asLong()).isEqualTo(10);
        assertThat(control.get("redeemers").asLong()).isEqualTo(5);
        assertThat(control.get("redemptionRate").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(control.get("depth").asDouble()).isCloseTo(0.2, within(1e-6));
        assertThat(control.get("treatedSpend").asDouble()).isCloseTo(100, within(1e-6));
        assertThat(control.get("comparisonSpend").asDouble()).isCloseTo(50, within(1e-6));
        assertThat(control.get("uplift").asDouble()).isCloseTo(50, within(1e-6));
        assertThat(control.get("relative").asDouble()).isCloseTo(1.0, within(1e-6));

        JsonNode baseline = step(result, "Coupon without control step");
        assertThat(baseline.get("measure").asString()).isEqualTo("BASELINE");
        assertThat(baseline.get("redeemers").asLong()).isZero();
        assertThat(baseline.get("depth")).as("no redemption, no depth").isNull();
        assertThat(baseline.get("treatedSpend").asDouble()).isCloseTo(80, within(1e-6));
        assertThat(baseline.get("comparisonSpend").asDouble()).isCloseTo(50, within(1e-6));
        assertThat(baseline.get("uplift").asDouble()).isCloseTo(30, within(1e-6));
    }

    @Test
    void refusesAReversedRangeAndSaysNothingOfAnEmptyOne() throws Exception {
        HttpResponse<String> reversed =
                api(analyst, "GET", "/api/v1/merchandising/coupon-uplift?from=1925-12-31&to=1925-01-01", null);
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(reversed.body()).contains("\"field\":\"to\"");
        JsonNode empty = json.readTree(
                api(analyst, "GET", "/api/v1/merchandising/coupon-uplift?from=1910-01-01&to=1910-12-31", null)
                        .body());
        assertThat(empty.get("steps")).isEmpty();
        assertThat(api(analyst, "GET", "/api/v1/merchandising/coupon-uplift?from=x%00y", null)
                        .statusCode())
                .isEqualTo(400);
    }
}
