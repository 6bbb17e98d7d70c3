package io.clientele.bench;

import java.util.Arrays;

/** {@code ./clientele bench SCENARIO [options]}: runs one scenario and prints its figures as Markdown. */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: ./clientele bench sales-import [--customers N] [--lines N] [--work DIR]\n"
                    + "       ./clientele bench scoring [--db DIR]   (the database sales-import leaves)\n"
                    + "       ./clientele bench clv-fit [--customers N] [--seed N]\n"
                    + "       ./clientele bench segment-count [--db DIR] [--runs N] [--warmups N] [--plain-runs N] [--changed N] [--repeat N]\n"
                    + "       ./clientele bench campaign-send [--customers N] [--naive N] [--work DIR]\n"
                    + "       ./clientele bench campaign-freeze [--db DIR] [--runs N] [--sample N]\n"
                    + "       ./clientele bench journey [--customers N] [--naive N] [--work DIR]\n"
                    + "       ./clientele bench attribution [--customers N] [--receipts N] [--campaigns N] [--runs N] [--reuse 1]\n"
                    + "       ./clientele bench campaign-comparison [--campaigns N] [--customers N] [--receipts N]"
                    + " [--runs N]\n"
                    + "       ./clientele bench loyalty [--customers N] [--lines N] [--threads N] [--seconds N]"
                    + " [--warmup N] [--only pos|earning] [--baseline no]\n"
                    + "       ./clientele bench basket-mining [--receipts N] [--naive N] [--runs N]\n"
                    + "       ./clientele bench sales-explorer [--lines N] [--runs N] [--lines-path 1] [--old 0]\n"
                    + "       ./clientele bench service [--articles N] [--requests N] [--queries N] [--work DIR] [--resume yes]\n"
                    + "The database is durable unless CLIENTELE_DB_DURABILITY=fast (not crash-safe) starts it; each\n"
                    + "scenario prints which in its machine line.");
            System.exit(2);
        }
        String[] options = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "sales-import" -> SalesImportBench.run(Options.parse(options));
            case "scoring" -> ScoringBench.run(Options.parse(options));
            case "clv-fit" -> ClvFitBench.run(Options.parse(options));
            case "segment-count" -> SegmentBench.run(Options.parse(options));
            case "campaign-send" -> CampaignSendBench.run(Options.parse(options));
            case "campaign-freeze" -> CampaignFreezeBench.run(Options.parse(options));
            case "journey" -> JourneyBench.run(Options.parse(options));
            case "attribution" -> AttributionBench.run(Options.parse(options));
            case "campaign-comparison" -> CampaignComparisonBench.run(Options.parse(options));
            case "loyalty" -> LoyaltyBench.run(Options.parse(options));
            case "basket-mining" -> BasketBench.run(Options.parse(options));
            case "sales-explorer" -> ExplorerBench.run(Options.parse(options));
            case "service" -> ServiceBench.run(Options.parse(options));
            default -> {
                System.err.println("unknown scenario: " + args[0]);
                System.exit(2);
            }
        }
    }
}
