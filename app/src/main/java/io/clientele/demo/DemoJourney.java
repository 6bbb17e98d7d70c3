package io.clientele.demo;

import io.clientele.campaign.CampaignInput;
import io.clientele.campaign.Campaigns;
import io.clientele.campaign.ResponseKind;
import io.clientele.campaign.audience.Launches;
import io.clientele.campaign.material.MaterialInput;
import io.clientele.campaign.material.Materials;
import io.clientele.campaign.response.CampaignResponses;
import io.clientele.campaign.send.StepSender;
import io.clientele.journey.JourneyEngine;
import io.clientele.journey.JourneyGraph;
import io.clientele.journey.Journeys;
import io.clientele.segment.ConditionJson;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SavedSegment;
import io.clientele.segment.SavedSegments;
import io.clientele.survey.LinkTarget;
import io.clientele.survey.ResponseChannel;
import io.clientele.survey.Survey;
import io.clientele.survey.SurveyResponses;
import io.clientele.survey.Surveys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The seed's example running in the demo (issue 21): "Coffee beans trial" — customers who bought a coffee machine in
 * the last 365 days (and have not rated the trial beans yet) are invited by email to a free trial; those who click
 * the accept link within 7 days go to the presales group, and 14 days later get the trial survey; a rating of 4 or
 * 5 becomes a lead for sales, 1 or 2 enters the "Product improvement survey" sub-campaign; those who do not accept get
 * a letter. Created, submitted, approved by another manager and launched through the campaign workflow, then advanced
 * by the engine's own ticks against planted clicks and answers (recorded as the tracking endpoint and the survey page
 * record them) at times after the launch, so that every node has been passed and customers wait at the wait and the
 * decisions when the demo opens. Deterministic: the customers who click and answer, and their ratings, follow from
 * their ids and the seed.
 */
@Component
class DemoJourney {
    static final String NAME = "Coffee beans trial";
    static final String ACCEPT = "https://shop.example.com/trial/accept";
    static final String SEGMENT = "Bought a coffee machine in the last 365 days";

    private final JdbcClient jdbc;
    private final SavedSegments segments;
    private final FieldRegistry fields;
    private final Materials materials;
    private final Surveys surveys;
    private final SurveyResponses answers;
    private final Journeys journeys;
    private final Campaigns campaigns;
    private final Launches launches;
    private final JourneyEngine engine;
    private final StepSender sender;
    private final CampaignResponses responses;
    private final Clock clock;

    DemoJourney(
            JdbcClient jdbc,
            SavedSegments segments,
            FieldRegistry fields,
            Materials materials,
            Surveys surveys,
            SurveyResponses answers,
            Journeys journeys,
            Campaigns campaigns,
            Launches launches,
            JourneyEngine engine,
            StepSender sender,
            CampaignResponses responses,
            Clock clock) {
        this.jdbc = jdbc;
        this.segments = segments;
        this.fields = fields;
        this.materials = materials;
        this.surveys = surveys;
        this.answers = answers;
        this.journeys = journeys;
        this.campaigns = campaigns;
        this.launches = launches;
        this.engine = engine;
        this.sender = sender;
        this.responses = responses;
        this.clock = clock;
    }

    /** The journey's materials: the invitation and survey emails and the letter. */
    record JourneyMaterials(long invitation, long surveyEmail, long letter) {}

    /** The segment the journey enters by: coffee machine buyers of the last 365 days who have not rated the beans. */
    long segment(long trialSurvey) {
        return segments.create(new SavedSegments.Draft(
                        SEGMENT,
                        "Entry of the journey \"" + NAME + "\": not those who answered the trial survey already.",
                        SavedSegment.Kind.DYNAMIC,
                        ConditionJson.parse("""
                                        {"all": [
                                          {"field": "bought_category", "op": "has_any", "values": ["Coffee machine"],
                                           "window": {"lastDays": 365}},
                                          {"not": {"field": "survey_answered", "op": "has_any", "values": ["%d"]}}]}""".formatted(trialSurvey), fields)))
                .segment()
                .id();
    }

    /** The journey's three materials, named after it. */
    JourneyMaterials materials(String journey, String actor) {
        long invitation = materials
                .create(
                        new MaterialInput(
                                "EMAIL",
                                journey + ": invitation",
                                "{{first_name|Dear customer}}, try our coffee beans for free",
                                "<p>Dear {{first_name|customer}},</p><p>Your coffee machine deserves good beans. Try"
                                        + " ours for two weeks, free of charge.</p><p><a href=\"" + ACCEPT
                                        + "\">Yes, send me the trial beans</a></p>",
                                "Dear {{first_name|customer}}, try our coffee beans for two weeks, free: " + ACCEPT,
                                null,
                                null),
                        actor)
                .id();
        long surveyEmail = materials
                .create(
                        new MaterialInput(
                                "EMAIL",
                                journey + ": survey",
                                "How were the trial beans?",
                                "<p>Dear {{first_name|customer}},</p><p>Two weeks with our beans: how were they?"
                                        + " <a href=\"{{survey_link.coffee_trial}}\">Rate the trial</a> (three"
                                        + " questions).</p>",
                                "Dear {{first_name|customer}}, how were the trial beans? {{survey_link.coffee_trial}}",
                                null,
                                null),
                        actor)
                .id();
        long letter = materials
                .create(
                        new MaterialInput(
                                "LETTER",
                                journey + ": letter",
                                null,
                                null,
                                null,
                                "Dear {{first_name|customer}},\n\nwe invited you to try our coffee beans for free. The"
                                        + " offer stands: bring this letter to {{home_store|your store}} and take a"
                                        + " trial bag home.\n\nKind regards",
                                null),
                        actor)
                .id();
        return new JourneyMaterials(invitation, surveyEmail, letter);
    }

    /** The graph, as the editor would save it. */
    static String graph(long segment, JourneyMaterials m, long trialSurvey, String subCampaign) {
        return """
                {"nodes": [
                  {"id": "in", "kind": "ENTRY", "label": "Bought a coffee machine", "x": 40, "y": 200,
                   "config": {"trigger": "SEGMENT_AT_LAUNCH", "segmentId": %1$d}},
                  {"id": "invite", "kind": "SEND", "label": "Trial invitation", "x": 200, "y": 200,
                   "config": {"channel": "EMAIL", "materialId": %2$d}},
                  {"id": "accepted", "kind": "DECISION", "label": "Accepted within 7 days?", "x": 360, "y": 200,
                   "config": {"send": "invite", "on": "CLICKED", "link": "%5$s", "within": "P7D"}},
                  {"id": "presales", "kind": "ACTION", "label": "Presales group", "x": 520, "y": 120,
                   "config": {"action": "HAND_TO_GROUP", "users": ["agent", "sales"], "callList": false}},
                  {"id": "trial", "kind": "WAIT", "label": "Trial: 14 days", "x": 680, "y": 120,
                   "config": {"duration": "P14D"}},
                  {"id": "survey", "kind": "SEND", "label": "Trial survey", "x": 840, "y": 120,
                   "config": {"channel": "EMAIL", "materialId": %3$d}},
                  {"id": "answered", "kind": "DECISION", "label": "Answered within 14 days?", "x": 1000, "y": 120,
                   "config": {"send": "survey", "on": "SURVEY_ANSWERED", "surveyId": %6$d, "within": "P14D"}},
                  {"id": "high", "kind": "DECISION", "label": "Rated 4 or 5?", "x": 1160, "y": 60,
                   "config": {"send": "survey", "on": "SURVEY_RATING", "surveyId": %6$d, "question": "trial_rating",
                              "op": "GE", "value": 4, "within": "PT1H"}},
                  {"id": "low", "kind": "DECISION", "label": "Rated 1 or 2?", "x": 1320, "y": 140,
                   "config": {"send": "survey", "on": "SURVEY_RATING", "surveyId": %6$d, "question": "trial_rating",
                              "op": "LE", "value": 2, "within": "PT1H"}},
                  {"id": "lead", "kind": "ACTION", "label": "Lead for sales", "x": 1480, "y": 40,
                   "config": {"action": "CREATE_LEAD", "users": ["sales"]}},
                  {"id": "improve", "kind": "ACTION", "label": "Product improvement survey", "x": 1480, "y": 160,
                   "config": {"action": "START_SUB_CAMPAIGN", "name": "%7$s", "budget": "1500"}},
                  {"id": "letter", "kind": "SEND", "label": "Letter", "x": 520, "y": 300,
                   "config": {"channel": "MAIL", "materialId": %4$d}},
                  {"id": "end", "kind": "EXIT", "label": "End", "x": 1640, "y": 200}],
                 "edges": [
                  {"from": "in", "to": "invite"}, {"from": "invite", "to": "accepted"},
                  {"from": "accepted", "to": "presales", "branch": "yes"},
                  {"from": "accepted", "to": "letter", "branch": "no"},
                  {"from": "presales", "to": "trial"}, {"from": "trial", "to": "survey"},
                  {"from": "survey", "to": "answered"},
                  {"from": "answered", "to": "high", "branch": "yes"},
                  {"from": "answered", "to": "end", "branch": "no"},
                  {"from": "high", "to": "lead", "branch": "yes"}, {"from": "high", "to": "low", "branch": "no"},
                  {"from": "low", "to": "improve", "branch": "yes"}, {"from": "low", "to": "end", "branch": "no"},
                  {"from": "lead", "to": "end"}, {"from": "improve", "to": "end"}, {"from": "letter", "to": "end"}]}""".formatted(segment, m.invitation(), m.surveyEmail(), m.letter(), ACCEPT, trialSurvey, subCampaign);
    }

    static CampaignInput plan(String name) {
        return new CampaignInput(
                name,
                "CROSS_SELL",
                "Coffee machine owners try our beans; those who like them become leads for sales.",
                "demo",
                "marketer",
                null,
                null,
                "20",
                null,
                List.of(
                        new CampaignInput.BudgetLineInput("MESSAGING", "Email and letters", "1500"),
                        new CampaignInput.BudgetLineInput("INCENTIVES", "Trial beans", "3500")));
    }

    /** Where the demo journey stands once loaded. */
    record Loaded(long journey, long entered, long accepted, long answered) {}

    /**
     * Creates the journey with its segment and materials, has a marketer submit it and the marketing manager approve
     * it, launches it now, and advances it through its first weeks: the invitation is sent (to the outbox, or the
     * configured mail server), two in five click the accept link within the hour and one in ten on the sixth day;
     * the rest get the letter at the time limit; two weeks on, those who accepted first get the survey, and seven in
     * ten of them answer it.
     */
    Loaded load(long seed) throws InterruptedException {
        Survey trial = surveys.findByKey("coffee_trial").orElseThrow();
        long segment = segment(trial.id());
        long journey = journeys.create(
                        plan(NAME),
                        JourneyGraph.parse(
                                graph(segment, materials(NAME, "marketer"), trial.id(), "Product improvement survey")),
                        "marketer")
                .campaign()
                .id();
        campaigns.submit(journey, "marketer");
        campaigns.approve(journey, "manager", "Demo: approved with the plan.");
        launches.launch(journey, "marketer");
        Instant t0 = clock.instant();
        engine.advance(journey, t0);
        long entered = count("select count(*) from journey_position where campaign_id = :id", journey);
        long invite = step(journey, "invite");
        List<Long> invited = DemoSends.sendAll(sender, jdbc, invite, seed);
        int early = invited.size() * 2 / 5;
        int late = invited.size() / 10;
        click(invite, invited.subList(0, early), t0.plus(Duration.ofMinutes(30)));
        click(invite, invited.subList(early, early + late), t0.plus(Duration.ofDays(6)));
        engine.advance(journey, t0.plus(Duration.ofHours(1)));
        engine.advance(journey, t0.plus(Duration.ofDays(6)).plus(Duration.ofHours(1)));
        // the time limit: the rest get the letter
        engine.advance(journey, t0.plus(Duration.ofDays(7)).plus(Duration.ofHours(1)));
        // the early ones' trial is over: the survey
        Instant surveyed = t0.plus(Duration.ofDays(14)).plus(Duration.ofHours(2));
        engine.advance(journey, surveyed);
        long survey = step(journey, "survey");
        sender.sendAll(survey, "demo", 500, 50);
        // customers outside the planted satisfaction groups answer (docs/demo-data.md), as in DemoSurveys
        List<Long> asked = jdbc.sql("""
                        select id from customer
                        where id = any(:ids) and (37 * substring(external_id from 2)::bigint) % 100 < 80
                        order by md5(id::text || :seed)""")
                .param("ids", invited.subList(0, early).toArray(Long[]::new))
                .param("seed", String.valueOf(seed))
                .query(Long.class)
                .list();
        int answering = asked.size() * 7 / 10;
        for (int i = 0; i < answering; i++) {
            // mostly pleased, as the demo's other trial answers: 5, 4, 4, 3, 2, 1, 5, 4, …
            int rating = new int[] {5, 4, 4, 3, 2, 1, 5, 4, 2, 5}[i % 10];
            answer(trial, journey, survey, asked.get(i), rating, i % 3 == 0 ? "zh" : "en");
        }
        engine.advance(journey, surveyed.plus(Duration.ofMinutes(30)));
        // the hour given to a rating of 3 at "Rated 4 or 5?" passes; those at "Rated 1 or 2?" wait there
        engine.advance(journey, surveyed.plus(Duration.ofMinutes(95)));
        return new Loaded(journey, entered, early + late, answering);
    }

    private void click(long step, List<Long> customers, Instant at) {
        for (long customer : customers) {
            responses.record(
                    new CampaignResponses.Response(step, customer, ResponseKind.CLICKED, at, ACCEPT, null, null));
        }
    }

    private void answer(Survey trial, long journey, long step, long customer, int rating, String language) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("q.trial_rating", List.of(String.valueOf(rating)));
        // perceived against expected at most one point apart, so that the planted satisfaction truths hold
        String perceived = rating >= 4 ? "5" : rating <= 2 ? "3" : "4";
        for (String aspect : List.of("taste", "aroma", "freshness", "price")) {
            fields.put("q.beans." + aspect + ".perceived", List.of(perceived));
            fields.put("q.beans." + aspect + ".expected", List.of("4"));
        }
        answers.submit(
                new LinkTarget(trial.id(), customer, journey, step), ResponseChannel.LINK, language, "demo", fields);
    }

    private long step(long journey, String node) {
        return jdbc.sql("select step_id from journey_node where campaign_id = :id and node_id = :node")
                .param("id", journey)
                .param("node", node)
                .query(Long.class)
                .single();
    }

    private long count(String sql, long journey) {
        return jdbc.sql(sql).param("id", journey).query(Long.class).single();
    }
}
