package io.clientele.merchandising;

import io.clientele.campaign.Campaign;
import io.clientele.campaign.CampaignPurpose;
import io.clientele.campaign.CampaignSteps;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.StepInput;
import io.clientele.campaign.material.MaterialInput;
import io.clientele.campaign.material.Materials;
import io.clientele.platform.InputFields;
import io.clientele.strategy.SegmentCampaigns;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A rule as a draft cross-sell campaign: its cross-sell segment (saved, or the one a retry saved before) as the
 * audience of a new draft with the purpose CROSS_SELL and one email step, in one transaction. The step sends the
 * material chosen, or else a new cross-sell email of its own offering each customer's {@code {{next_best_product}}}
 * (the rule's other side for a customer without one), which the campaign writer can edit. Whoever may save segments
 * may do this (analysts too): a draft sends nothing until a manager approves it. With an idempotency key, a retry
 * answers the draft made first.
 */
@Service
public class CrossSellCampaigns {
    private final CrossSellSegments segments;
    private final SegmentCampaigns drafts;
    private final CampaignSteps steps;
    private final Materials materials;
    private final io.clientele.campaign.Campaigns campaigns;
    private final JdbcClient jdbc;
    private final Clock clock;

    CrossSellCampaigns(
            CrossSellSegments segments,
            SegmentCampaigns drafts,
            CampaignSteps steps,
            Materials materials,
            io.clientele.campaign.Campaigns campaigns,
            JdbcClient jdbc,
            Clock clock) {
        this.segments = segments;
        this.drafts = drafts;
        this.steps = steps;
        this.materials = materials;
        this.campaigns = campaigns;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A rule's two sides, the step's material (its id; none for a new cross-sell email) and the draft's owner. */
    public record Request(
            @Nullable String level,
            @Nullable List<String> bought,
            @Nullable List<String> notBought,
            @Nullable String from,
            @Nullable String to,
            @Nullable String owner,
            @Nullable String materialId) {}

    /** The draft, and whether it was made by an earlier request with the same idempotency key. */
    public record Drafted(Campaign campaign, boolean replayed) {}

    @Transactional
    public Drafted draft(Request request, @Nullable String idempotencyKey, String actor) {
        if (idempotencyKey != null) {
            // retries of one key wait for each other here, so that a retry racing the first answers its draft
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                    .param("key", "cross-sell-draft:" + idempotencyKey)
                    .query()
                    .singleRow();
            Optional<Long> earlier = jdbc.sql("select campaign_id from cross_sell_draft where idempotency_key = :key")
                    .param("key", idempotencyKey)
                    .query(Long.class)
                    .optional();
            if (earlier.isPresent()) return new Drafted(campaigns.find(earlier.get()), true);
        }
        CrossSellSegments.Created audience =
                segments.create(request.level(), request.bought(), request.notBought(), request.from(), request.to());
        Campaign draft =
                drafts.draft(audience.segment(), null, CampaignPurpose.CROSS_SELL.name(), request.owner(), actor);
        String material = InputFields.trimmed(request.materialId());
        if (material == null) {
            material = String.valueOf(defaultMaterial(draft, request.notBought(), actor));
        }
        steps.create(
                draft.id(),
                new StepInput(
                        "Cross-sell email",
                        StepChannel.EMAIL.name(),
                        material,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "0",
                        null),
                actor);
        if (idempotencyKey != null) {
            jdbc.sql("""
                            insert into cross_sell_draft (idempotency_key, campaign_id, created_at, created_by)
                            values (:key, :campaign, :now, :actor)""")
                    .param("key", idempotencyKey)
                    .param("campaign", draft.id())
                    .param("now", Timestamp.from(clock.instant()))
                    .param("actor", actor)
                    .update();
        }
        return new Drafted(campaigns.find(draft.id()), false);
    }

    /** A cross-sell email of the draft's own: each customer's next best product, else the rule's other side. */
    private long defaultMaterial(Campaign draft, @Nullable List<String> notBought, String actor) {
        // the other side is a fallback inside a placeholder: no braces or bars there
        String otherSide = notBought == null
                ? ""
                : String.join(", ", notBought).replaceAll("[{}|]", " ").strip();
        String offer = "{{next_best_product" + (otherSide.isEmpty() ? "" : "|" + otherSide) + "}}";
        String name = "Cross-sell #" + draft.id() + ": " + draft.plan().name();
        return materials
                .create(
                        new MaterialInput(
                                "EMAIL",
                                name.length() > 200 ? name.substring(0, 200) : name,
                                "Picked for you: " + offer,
                                "<p>Hello {{first_name|there}},</p><p>Customers who bought what you bought also chose "
                                        + offer + ". We think you will like it too.</p>",
                                "Hello {{first_name|there}}, customers who bought what you bought also chose " + offer
                                        + ". We think you will like it too.",
                                null,
                                null),
                        actor)
                .id();
    }
}
