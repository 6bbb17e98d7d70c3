package io.clientele.demo;

import io.clientele.campaign.CampaignStep;
import io.clientele.campaign.CampaignSteps;
import io.clientele.campaign.material.MaterialInput;
import io.clientele.campaign.material.Materials;
import io.clientele.campaign.send.StepSender;
import io.clientele.loyalty.LoyaltyCards;
import io.clientele.membercomms.MemberProgrammes;
import io.clientele.membercomms.ProgrammeKind;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo's member communications: the six programmes with their materials, submitted by the marketer and approved
 * by the manager (so running); a dozen customers who get a card today and their welcome, sent, and last month's
 * points statements, triggered for the send workers, so the programmes' results show numbers. The others run on the
 * schedule as their days come.
 */
@Component
class DemoCommunications {
    private static final Map<ProgrammeKind, String[]> TEXTS = Map.of(
            ProgrammeKind.WELCOME,
            new String[] {
                "Welcome to Clientele Rewards, {{first_name|member}}",
                "Your card {{loyalty_card}} earns points on every purchase. Your balance: {{points_balance|0}} points."
            },
            ProgrammeKind.STATEMENT,
            new String[] {
                "Your points statement for {{statement_month}}",
                "Opening balance {{statement_opening|0}}; earned {{statement_earned|0}}; redeemed"
                        + " {{statement_redeemed|0}}; expired {{statement_expired|0}}; closing balance"
                        + " {{statement_closing|0}}. Next to expire: {{points_expiring|no}} points on"
                        + " {{points_expiring_on|–}}."
            },
            ProgrammeKind.EXPIRING,
            new String[] {
                "{{points_expiring}} of your points expire on {{points_expiring_on}}",
                "Dear {{first_name|member}}, use them before they go: your balance is {{points_balance|0}} points."
            },
            ProgrammeKind.TIER_CHANGE,
            new String[] {
                "You are now {{loyalty_tier|a member}}",
                "Dear {{first_name|member}}, your tier changed: you are now {{loyalty_tier|a member}}."
            },
            ProgrammeKind.BIRTHDAY,
            new String[] {
                "Happy birthday, {{first_name|dear member}}!",
                "We added {{birthday_points|some}} bonus points to your card: your balance is {{points_balance|0}}."
            },
            ProgrammeKind.NEWSLETTER,
            new String[] {
                "Members' news", "Dear {{first_name|member}}, this month's offers for {{loyalty_tier|our}} members."
            });

    private final MemberProgrammes programmes;
    private final Materials materials;
    private final LoyaltyCards cards;
    private final CampaignSteps steps;
    private final StepSender sender;
    private final JdbcClient jdbc;

    DemoCommunications(
            MemberProgrammes programmes,
            Materials materials,
            LoyaltyCards cards,
            CampaignSteps steps,
            StepSender sender,
            JdbcClient jdbc) {
        this.programmes = programmes;
        this.materials = materials;
        this.cards = cards;
        this.steps = steps;
        this.sender = sender;
        this.jdbc = jdbc;
    }

    record Loaded(int welcomed, int statements) {}

    Loaded load() throws InterruptedException {
        for (ProgrammeKind kind : ProgrammeKind.values()) {
            String[] text = TEXTS.get(kind);
            long material = materials
                    .create(
                            new MaterialInput(
                                    "EMAIL",
                                    "Member communications: " + kind.name().toLowerCase(java.util.Locale.ROOT),
                                    text[0],
                                    "<p>" + text[1] + "</p>",
                                    text[1],
                                    null,
                                    null),
                            "marketer")
                    .id();
            programmes.define(
                    kind,
                    new MemberProgrammes.ProgrammeInput(
                            String.valueOf(material),
                            kind == ProgrammeKind.EXPIRING ? "14" : null,
                            kind == ProgrammeKind.BIRTHDAY ? "200" : null,
                            kind == ProgrammeKind.NEWSLETTER ? "28" : null,
                            "marketer"),
                    "marketer");
            programmes.submit(kind, "marketer");
            programmes.approve(kind, "manager", "Demo: approved once, runs by itself");
        }
        // a dozen customers with an email who get their card today: each is welcomed once loyalty commits it
        List<Long> newMembers = jdbc.sql("""
                        select c.id from customer c
                        where c.email is not null
                          and not exists (select 1 from loyalty_account a where a.customer_id = c.id)
                        order by c.id limit 12""").query(Long.class).list();
        for (long customer : newMembers) {
            cards.issue("DEMO-NEW-" + customer, customer);
        }
        for (CampaignStep step : steps.of(programmes.get(ProgrammeKind.WELCOME).campaignId())) {
            sender.sendAll(step.id(), "demo", 500, 50);
        }
        // last month's statements, left to the send workers once the application runs: at the demo's size, sending
        // them here would add minutes to the load
        int statements = programmes.trigger(ProgrammeKind.STATEMENT, new Long[0]);
        return new Loaded(newMembers.size(), statements);
    }
}
