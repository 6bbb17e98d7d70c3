package io.clientele.merchandising;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Merchandising", description = "Market baskets: what sells with what")
class MerchandisingApi {
    private final MarketBaskets baskets;
    private final Clock clock;

    MerchandisingApi(MarketBaskets baskets, Clock clock) {
        this.baskets = baskets;
        this.clock = clock;
    }

    @GetMapping("/api/v1/merchandising/rules")
    @Operation(
            summary = "Association rules mined over sale receipts (FP-Growth), strongest (by lift) first",
            description = "level: PRODUCT, BRAND or CATEGORY (default); from, to: days, inclusive (default the 365"
                    + " days to today); stores: store codes (default all the caller may see; a store manager only"
                    + " theirs); segment: a saved segment's id, whose customers' receipts are mined; minSupport above"
                    + " 0, at most 1 (default 0.005); minConfidence 0 to 1 (default 0.1); maxLength 2 to 5 items per"
                    + " rule (default 3); limit 1 to 1000 rules (default 200). Support, confidence, lift and"
                    + " conviction as arules and mlxtend define them; conviction is null when the rule always held."
                    + " No sale receipt in the range: 400 naming from.")
    MarketBaskets.RuleSet rules(
            @RequestParam(required = false) @Nullable String level,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable List<String> stores,
            @RequestParam(required = false) @Nullable String segment,
            @RequestParam(required = false) @Nullable String minSupport,
            @RequestParam(required = false) @Nullable String minConfidence,
            @RequestParam(required = false) @Nullable String maxLength,
            @RequestParam(required = false) @Nullable String limit) {
        return baskets.mine(BasketQuery.parse(
                level, from, to, stores, segment, minSupport, minConfidence, maxLength, limit, LocalDate.now(clock)));
    }
}
