package io.clientele.campaign.response;

import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SegmentField;
import io.clientele.segment.SegmentValues;
import io.clientele.segment.StandardFields;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The segment conditions on campaigns: contacted by, responded to, opened, clicked, unsubscribed from and redeemed a
 * coupon of chosen campaigns, each within an optional time window. The segment feature knows nothing of campaigns;
 * this registers the fields and the campaign picker with it at start-up.
 */
@Component
class ResponseSegmentFields {
    static final String PICKER = "campaigns";

    /** What counts as responding: the kinds the funnel counts as responses (not deliveries, bounces, unsubscribes). */
    ResponseSegmentFields(FieldRegistry fields, SegmentValues values) {
        values.add(
                PICKER,
                "select id::text as value, '#' || id || ' · ' || name as label from campaign"
                        + " where lower(name) like :q or id::text like :q order by id desc limit :limit");
        field(fields, "campaign_contacted", """
                select m.customer_id, m.campaign_id::text, m.sent_at from campaign_member m
                where m.member_group = 'TREATED' and m.send_status = 'SENT'""");
        field(fields, "campaign_responded", responses(io.clientele.campaign.ResponseKind.RESPONDED_SQL));
        // a click proves an open the blocked pixel missed, as the funnel counts it
        field(fields, "campaign_opened", responses("'OPENED', 'CLICKED'"));
        field(fields, "campaign_clicked", responses("'CLICKED'"));
        field(fields, "campaign_unsubscribed", responses("'UNSUBSCRIBED'"));
        field(fields, "campaign_redeemed", responses("'REDEEMED'"));
    }

    private static String responses(String kinds) {
        return "select r.customer_id, r.campaign_id::text, r.at from campaign_response r where r.kind in (" + kinds
                + ")";
    }

    /**
     * A field whose values are campaign ids, each held from the day of its row: stored by the segment summary in the
     * column named as the field (migration V17), and marked changed by the triggers on members and responses.
     */
    private static void field(FieldRegistry fields, String key, String rows) {
        fields.add(new SegmentField(
                key,
                SegmentField.Category.CAMPAIGN,
                SegmentField.ValueType.TEXT,
                StandardFields.SET,
                true,
                PICKER,
                List.of(),
                null,
                new SegmentField.Source.Terms(
                        new SegmentField.TermColumn(key, "select id::text from campaign", rows))));
    }
}
