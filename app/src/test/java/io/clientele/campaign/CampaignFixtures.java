package io.clientele.campaign;

import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.material.MaterialInput;
import io.clientele.campaign.material.Materials;
import io.clientele.segment.ConditionJson;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SavedSegment;
import io.clientele.segment.SavedSegments;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sets up what the sending, response and channel tests start from without going through the audience: a running
 * campaign with one step whose chosen customers are frozen as treated members, pending. Tests of the audience itself
 * freeze through the real launch.
 */
public final class CampaignFixtures {
    private final JdbcClient jdbc;
    private final Materials materials;

    public CampaignFixtures(JdbcClient jdbc, Materials materials) {
        this.jdbc = jdbc;
        this.materials = materials;
    }

    /** An email material with a link, the offer and the first name, saved as version 1. */
    public long emailMaterial() {
        return materials
                .create(
                        new MaterialInput(
                                "EMAIL",
                                "Fixture email " + UUID.randomUUID(),
                                "Hello {{first_name|friend}}",
                                "<p>Dear {{first_name|customer}}, {{offer.description}}</p>"
                                        + "<p><a href=\"https://shop.example.com/spring?x=1\">Shop now</a></p>",
                                "Dear {{first_name|customer}}, {{offer.description}} https://shop.example.com/spring",
                                null,
                                null),
                        "marketer")
                .id();
    }

    /** A material of the given kind other than email: an SMS text, a call script or a letter. */
    public long textMaterial(String kind, String text) {
        return materials
                .create(
                        new MaterialInput(
                                kind, "Fixture " + kind + " " + UUID.randomUUID(), null, null, null, text, null),
                        "marketer")
                .id();
    }

    /** A RUNNING campaign, launched at the application's (fixed) now. */
    public long runningCampaign(String name) {
        Instant now = ApplicationTestSupport.TEST_NOW;
        return jdbc.sql("""
                        insert into campaign (name, purpose, owner_username, status, created_by, created_at,
                                              updated_at, launched_at, launched_by)
                        values (:name, 'WIN_BACK', 'marketer', 'RUNNING', 'marketer', :now, :now, :now, 'marketer')
                        returning id""")
                .param("name", name)
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
    }

    /** A FROZEN step of the campaign; {@code materialId} null for a coupon step. */
    public long frozenStep(long campaignId, StepChannel channel, @Nullable Long materialId, @Nullable String offer) {
        return jdbc.sql("""
                        insert into campaign_step (campaign_id, position, name, channel, material_id, material_version,
                                                   offer, coupon_prefix, coupon_value, status, frozen_at)
                        values (:campaign,
                                (select coalesce(max(position), 0) + 1 from campaign_step where campaign_id = :campaign),
                                :name, :channel, :material, :version, :offer, :prefix, :value, 'FROZEN', now())
                        returning id""")
                .param("campaign", campaignId)
                .param("name", channel.name().toLowerCase() + " step")
                .param("channel", channel.name())
                .param("material", materialId)
                .param("version", materialId == null ? null : 1)
                .param("offer", offer)
                .param("prefix", channel == StepChannel.COUPON ? "FX" : null)
                .param("value", channel == StepChannel.COUPON ? 10 : null)
                .query(Long.class)
                .single();
    }

    /**
     * The customers as treated, pending members of the step, addressed by their email (EMAIL), phone (SMS, CALL) or
     * postal address (MAIL, COUPON: none needed).
     */
    public void treated(long stepId, List<Long> customerIds) {
        jdbc.sql("""
                        insert into campaign_member (step_id, customer_id, campaign_id, member_group, address,
                                                     send_status)
                        select s.id, c.id, s.campaign_id, 'TREATED',
                               case s.channel when 'EMAIL' then c.email when 'SMS' then c.phone
                                              when 'CALL' then c.phone
                                              when 'MAIL' then concat_ws(', ', c.address_line, c.postal_code, c.city)
                               end,
                               'PENDING'
                        from campaign_step s cross join customer c
                        where s.id = :step and c.id in (:customers)""").param("step", stepId).param("customers", customerIds).update();
    }

    /** Demo customers that have an email address and a phone number, lowest ids first. */
    public List<Long> reachableCustomers(int count) {
        return jdbc.sql("""
                        select id from customer
                        where email is not null and phone is not null
                        order by id limit :count""").param("count", count).query(Long.class).list();
    }

    /** Grants or refuses the customer's consent on the channel, as recorded by a test. */
    public void consent(long customerId, String channel, boolean granted) {
        jdbc.sql("""
                        insert into customer_consent (customer_id, channel, granted, source, recorded_at)
                        values (:customer, :channel, :granted, 'test', now())
                        on conflict (customer_id, channel) do update set granted = excluded.granted""")
                .param("customer", customerId)
                .param("channel", channel)
                .param("granted", granted)
                .update();
    }

    /** A snapshot segment holding exactly these customers (its condition, frozen empty, is then overwritten). */
    public SavedSegment snapshot(SavedSegments segments, FieldRegistry fields, List<Long> members) {
        SavedSegment segment = segments.create(new SavedSegments.Draft(
                        "planted " + UUID.randomUUID(),
                        null,
                        SavedSegment.Kind.SNAPSHOT,
                        ConditionJson.parse(
                                "{\"all\":[{\"field\":\"city\",\"op\":\"in\",\"values\":[\"Nowhere\"]}]}", fields)))
                .segment();
        for (long id : members) {
            jdbc.sql("insert into segment_member (segment_id, customer_id) values (:segment, :customer)")
                    .param("segment", segment.id())
                    .param("customer", id)
                    .update();
        }
        return segment;
    }
}
