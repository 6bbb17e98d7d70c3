package io.clientele.loyalty;

import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SegmentField;
import io.clientele.segment.SegmentField.Column;
import io.clientele.segment.SegmentField.ColumnType;
import io.clientele.segment.SegmentValues;
import io.clientele.segment.StandardFields;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The segment conditions on a customer's loyalty membership, registered with the segment feature at start-up as
 * summary columns (migration V57, which marks a customer changed whenever their account's balance or tier changes):
 *
 * <ul>
 *   <li>{@code loyalty_tier}: the name of the tier they hold (not set: no tier, or not a member);
 *   <li>{@code loyalty_balance}: their points balance;
 *   <li>{@code loyalty_lifetime_points}: the points earned over their membership (receipts, bonuses, adjustments);
 *   <li>{@code loyalty_next_expiry}: the last day of the lot with points left that expires first.
 * </ul>
 */
@Component
class LoyaltySegmentFields {
    static final String TIERS = "loyalty-tiers";

    /** The customer's member account, as {@code a}, for the columns' subqueries over {@code c}. */
    private static final String ACCOUNT = " from loyalty_account a where a.customer_id = c.id)";

    LoyaltySegmentFields(FieldRegistry fields, SegmentValues values) {
        values.add(
                TIERS,
                "select name as value, name as label from loyalty_tier where lower(name) like :q"
                        + " order by rank limit :limit");
        fields.add(field(
                "loyalty_tier",
                SegmentField.ValueType.TEXT,
                StandardFields.CHOICE,
                TIERS,
                Column.coded(
                        "loyalty_tier",
                        ColumnType.TEXT,
                        "(select t.name from loyalty_tier t join loyalty_account a on a.tier_id = t.id"
                                + " where a.customer_id = c.id)")));
        fields.add(field(
                "loyalty_balance",
                SegmentField.ValueType.NUMBER,
                StandardFields.ORDERED,
                null,
                Column.scaled("loyalty_balance", 0, "(select a.balance" + ACCOUNT)));
        fields.add(field(
                "loyalty_lifetime_points",
                SegmentField.ValueType.NUMBER,
                StandardFields.ORDERED,
                null,
                Column.scaled("loyalty_lifetime", 0, "(select " + PointsLedger.LIFETIME + ACCOUNT)));
        fields.add(field(
                "loyalty_next_expiry",
                SegmentField.ValueType.DATE,
                StandardFields.ORDERED,
                null,
                Column.coded(
                        "loyalty_next_expiry",
                        ColumnType.DAY,
                        // a lot expires at the start of a month: its last day is the day before
                        "(select (min(m.expires_at) at time zone :zone)::date - 1 from loyalty_account a"
                                + " cross join lateral (select e.lot_id from loyalty_entry e where e.account_id = a.id"
                                + " group by e.lot_id having sum(e.points) > 0) l"
                                + " join loyalty_movement m on m.id = l.lot_id where a.customer_id = c.id)")));
    }

    private static SegmentField field(
            String key,
            SegmentField.ValueType type,
            List<io.clientele.segment.Operator> operators,
            @Nullable String picker,
            Column column) {
        return new SegmentField(
                key,
                SegmentField.Category.LOYALTY,
                type,
                operators,
                false,
                picker,
                List.of(),
                null,
                new SegmentField.Source.Scalar(column, SegmentField.Derivation.SAME));
    }
}
