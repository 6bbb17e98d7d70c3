package io.clientele.demo;

import io.clientele.loyalty.EarningRules;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The demo's earning rules, set before its receipts are loaded so that they earn by them: double points on
 * headphones, half as many again on the brand Kairo, triple on one phone, and a fortnight of double points everywhere
 * two months before the data ends.
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

    private static EarningRules.RuleInput rule(
            String name, String kind, String match, String multiplier, LocalDate from, LocalDate to) {
        return new EarningRules.RuleInput(name, kind, match, new BigDecimal(multiplier), from, to);
    }
}
