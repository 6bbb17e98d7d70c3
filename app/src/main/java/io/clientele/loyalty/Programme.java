package io.clientele.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The programme's settings: points per currency unit spent, what a point is worth (for the liability), how many
 * months a lot lives, the most points one receipt earns, whether points may pay on the receipt that earns them, the
 * coupon-code prefix of reward lines (which earn nothing), how long the till's hold on points lasts, and how members
 * qualify for tiers: by points earned or amount spent ({@code tierBasis}) over the last {@code tierWindowMonths},
 * reviewed at the end of each period of {@code tierReviewMonths} (see {@link LoyaltyTiers}).
 */
public record Programme(
        String name,
        BigDecimal pointsPerUnit,
        BigDecimal pointValue,
        int expiryMonths,
        @Nullable Long receiptCap,
        boolean redeemOnEarningReceipt,
        String rewardCodePrefix,
        int holdMinutes,
        TierBasis tierBasis,
        int tierWindowMonths,
        int tierReviewMonths) {

    /** What counts towards a tier: points earned by receipts (less returns) or the amount spent (less returns). */
    public enum TierBasis {
        POINTS,
        SPEND
    }

    static Programme read(JdbcClient jdbc) {
        return jdbc.sql("""
                        select name, points_per_unit, point_value, expiry_months, receipt_cap,
                               redeem_on_earning_receipt, reward_code_prefix, hold_minutes,
                               tier_basis, tier_window_months, tier_review_months
                        from loyalty_programme""")
                .query((rs, n) -> new Programme(
                        rs.getString(1),
                        rs.getBigDecimal(2),
                        rs.getBigDecimal(3),
                        rs.getInt(4),
                        rs.getObject(5, Long.class),
                        rs.getBoolean(6),
                        rs.getString(7),
                        rs.getInt(8),
                        TierBasis.valueOf(rs.getString(9)),
                        rs.getInt(10),
                        rs.getInt(11)))
                .single();
    }

    /**
     * When points earned at {@code earnedAt} expire: at the end of the month {@code expiryMonths} after, so that a
     * statement lists one date per month of earning. The SQL of receipts earning computes the same.
     */
    Instant expiryOf(Instant earnedAt, ZoneId zone) {
        ZonedDateTime month = earnedAt.atZone(zone).truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
        return month.plusMonths(expiryMonths + 1L).toInstant();
    }
}
