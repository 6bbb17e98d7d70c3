package io.clientele.demo;

import io.clientele.loyalty.EarningRules;
import io.clientele.loyalty.LoyaltyTiers;
import io.clientele.loyalty.Programme;
import io.clientele.loyalty.ProgrammeSettings;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The demo's earning rules, set before its receipts are loaded so that they earn by them: double points on
 * headphones, half as many again on the brand Kairo, triple on one phone, and a fortnight of double points everywhere
 * two months before the data ends; and three tiers by points earned over the last twelve months, reviewed monthly,
 * so that the receipts move members up over the two years and the review at start-up moves the lapsed down.
 */
final class DemoLoyalty {
    private DemoLoyalty() {}

    static void rules(EarningRules rules, LocalDate asOf) {
        rules.add(rule("Headphones double", "CATEGORY", "Headphones", "2", null, null), "demo");
        rules.add(rule("Kairo bonus", "BRAND", "Kairo", "1.5", null, null), "demo");
        rules.add(rule("Launch phone triple", "PRODUCT", "PHN-001", "3", null, null), "demo");
        LocalDate start = asOf.minusDays(60);
        rules.add(rule("Autumn double points", "CAMPAIGN", null, "2", start, start.plusDays(13)), "demo");
    }

    static void tiers(LoyaltyTiers tiers, ProgrammeSettings settings, Programme p) {
        settings.update(
                new ProgrammeSettings.Input(
                        p.name(),
                        p.pointsPerUnit(),
                        p.pointValue(),
                        p.expiryMonths(),
                        p.receiptCap(),
                        p.redeemOnEarningReceipt(),
                        p.rewardCodePrefix(),
                        p.holdMinutes(),
                        Programme.TierBasis.POINTS.name(),
                        12,
                        // reviewed yearly, as programmes usually are: a monthly review over two years of demo
                        // history moved thousands of members down at start-up
                        12),
                "demo");
        tiers.create(new LoyaltyTiers.TierInput("Silver", 1, new BigDecimal("500"), new BigDecimal("1.1")), "demo");
        tiers.create(new LoyaltyTiers.TierInput("Gold", 2, new BigDecimal("1500"), new BigDecimal("1.25")), "demo");
        tiers.create(new LoyaltyTiers.TierInput("Platinum", 3, new BigDecimal("4000"), new BigDecimal("1.5")), "demo");
    }

    private static EarningRules.RuleInput rule(
            String name, String kind, String match, String multiplier, LocalDate from, LocalDate to) {
        return new EarningRules.RuleInput(name, kind, match, new BigDecimal(multiplier), from, to);
    }
}
