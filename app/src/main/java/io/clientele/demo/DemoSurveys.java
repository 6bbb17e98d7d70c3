package io.clientele.demo;

import io.clientele.survey.LinkTarget;
import io.clientele.survey.ResponseChannel;
import io.clientele.survey.Survey;
import io.clientele.survey.SurveyInput;
import io.clientele.survey.SurveyInput.OptionInput;
import io.clientele.survey.SurveyInput.QuestionInput;
import io.clientele.survey.SurveyResponses;
import io.clientele.survey.Surveys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo's two surveys, active, with answers from demo customers so that their results pages are alive: "Coffee
 * beans trial" (the trial rating {@code trial_rating}, four aspects perceived against expected, a free text) and
 * "Product improvement" (NPS, what to improve, a rating, an idea). Answers go through the survey feature as a
 * customer's would (timeline, satisfaction). Seeded, so the same seed gives the same answers; only customers outside
 * the planted disappointed and delighted groups answer (docs/demo-data.md), with aspect gaps of at most one point, so
 * the planted satisfaction truths hold.
 */
final class DemoSurveys {
    static final int TRIAL_ANSWERS = 120;
    static final int IMPROVEMENT_ANSWERS = 90;
    private static final String[] TRIAL_TEXTS = {
        "A little too bitter for me.",
        "Lovely aroma, I would buy them.",
        "Good, but the bag does not close well.",
        "味道很好，希望价格再低一些。",
        "香气不错，会再买。",
        "Fresh and smooth."
    };
    private static final String[] IDEAS = {
        "Offer smaller bags.", "Deliver on weekends.", "A subscription with a discount.", "希望有更多口味。"
    };

    private DemoSurveys() {}

    /** Creates and activates the surveys and answers them; answers how many responses were stored. */
    static int load(Surveys surveys, SurveyResponses responses, JdbcClient jdbc, long seed) {
        Survey trial = surveys.activate(surveys.create(trial(), "demo").id(), "demo");
        Survey improvement =
                surveys.activate(surveys.create(improvement(), "demo").id(), "demo");
        // customers outside the planted groups (r = 37 n mod 100 below 80), in a seeded order
        List<Long> customers = jdbc.sql("""
                        select id from customer
                        where source = 'demo' and (37 * substring(external_id from 2)::bigint) % 100 < 80
                        order by md5(id::text || :seed)""")
                .param("seed", String.valueOf(seed))
                .query(Long.class)
                .list();
        Random random = new Random(seed);
        int stored = 0;
        for (int i = 0; i < Math.min(TRIAL_ANSWERS, customers.size()); i++) {
            stored += answer(responses, trial, customers.get(i), language(random), trialAnswers(random));
        }
        for (int i = 0; i < Math.min(IMPROVEMENT_ANSWERS, customers.size()); i++) {
            // every other trial answerer, and customers after them
            long customer = customers.get((i * 2) % customers.size());
            stored += answer(responses, improvement, customer, language(random), improvementAnswers(random));
        }
        return stored;
    }

    private static int answer(
            SurveyResponses responses,
            Survey survey,
            long customer,
            String language,
            Map<String, List<String>> fields) {
        responses.submit(
                new LinkTarget(survey.id(), customer, null, null), ResponseChannel.DEMO, language, "demo", fields);
        return 1;
    }

    /** A third of the demo's customers answer in Chinese. */
    private static String language(Random random) {
        return random.nextInt(3) == 0 ? "zh" : "en";
    }

    private static Map<String, List<String>> trialAnswers(Random random) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        // mostly pleased: 4 and 5 are the common ratings
        int rating = new int[] {1, 2, 3, 3, 4, 4, 4, 5, 5, 5}[random.nextInt(10)];
        fields.put("q.trial_rating", List.of(String.valueOf(rating)));
        for (String aspect : List.of("taste", "aroma", "freshness", "price")) {
            int expected = 3 + random.nextInt(3);
            int perceived = Math.clamp(expected + random.nextInt(3) - 1, 1, 5);
            fields.put("q.beans." + aspect + ".perceived", List.of(String.valueOf(perceived)));
            fields.put("q.beans." + aspect + ".expected", List.of(String.valueOf(expected)));
        }
        if (random.nextInt(3) == 0) {
            fields.put("q.comment", List.of(TRIAL_TEXTS[random.nextInt(TRIAL_TEXTS.length)]));
        }
        return fields;
    }

    private static Map<String, List<String>> improvementAnswers(Random random) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        int nps = new int[] {2, 5, 6, 7, 7, 8, 8, 9, 9, 10, 10, 6}[random.nextInt(12)];
        fields.put("q.recommend", List.of(String.valueOf(nps)));
        List<String> options = List.of("price", "taste", "packaging", "delivery");
        List<String> chosen =
                options.stream().filter(o -> random.nextInt(3) == 0).toList();
        fields.put("q.improve", chosen.isEmpty() ? List.of(options.get(random.nextInt(4))) : chosen);
        fields.put("q.range", List.of(String.valueOf(2 + random.nextInt(4))));
        if (random.nextInt(4) == 0) {
            fields.put("q.idea", List.of(IDEAS[random.nextInt(IDEAS.length)]));
        }
        return fields;
    }

    static SurveyInput trial() {
        return new SurveyInput(
                "coffee_trial",
                "Coffee beans trial",
                "Your coffee beans trial",
                "您的咖啡豆试用",
                "You tried our coffee beans: tell us how they were. Three questions.",
                "您试用了我们的咖啡豆：请告诉我们您的感受。共三个问题。",
                "Thank you! Your answers help us choose our next beans.",
                "谢谢！您的回答帮助我们挑选下一批咖啡豆。",
                List.of(
                        new QuestionInput(
                                "trial_rating",
                                "RATING",
                                true,
                                "How do you rate the trial coffee beans?",
                                "您如何评价试用的咖啡豆？",
                                null),
                        new QuestionInput(
                                "beans",
                                "ASPECTS",
                                true,
                                "How were the beans, against what you expected?",
                                "与您的期望相比，这些咖啡豆怎么样？",
                                List.of(
                                        new OptionInput("taste", "Taste", "口味"),
                                        new OptionInput("aroma", "Aroma", "香气"),
                                        new OptionInput("freshness", "Freshness", "新鲜度"),
                                        new OptionInput("price", "Value for money", "性价比"))),
                        new QuestionInput(
                                "comment",
                                "FREE_TEXT",
                                false,
                                "What would make the beans better?",
                                "怎样能让咖啡豆更好？",
                                null)));
    }

    static SurveyInput improvement() {
        return new SurveyInput(
                "product_improvement",
                "Product improvement",
                "Help us improve",
                "帮助我们改进",
                "Four short questions about our coffee.",
                "关于我们咖啡的四个小问题。",
                "Thank you for helping us improve.",
                "感谢您帮助我们改进。",
                List.of(
                        new QuestionInput(
                                "recommend",
                                "NPS",
                                true,
                                "How likely are you to recommend our coffee to a friend?",
                                "您向朋友推荐我们咖啡的可能性有多大？",
                                null),
                        new QuestionInput(
                                "improve",
                                "MULTIPLE_CHOICE",
                                false,
                                "What should we improve?",
                                "我们应该改进什么？",
                                List.of(
                                        new OptionInput("price", "Price", "价格"),
                                        new OptionInput("taste", "Taste", "口味"),
                                        new OptionInput("packaging", "Packaging", "包装"),
                                        new OptionInput("delivery", "Delivery", "配送"))),
                        new QuestionInput(
                                "range",
                                "RATING",
                                false,
                                "How do you rate our range of coffees?",
                                "您如何评价我们的咖啡品类？",
                                null),
                        new QuestionInput("idea", "FREE_TEXT", false, "Any idea for us?", "您有什么建议吗？", null)));
    }
}
