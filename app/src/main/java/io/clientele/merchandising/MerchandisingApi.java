package io.clientele.merchandising;

import io.clientele.segment.SavedSegment;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Merchandising", description = "Market baskets: what sells with what, and cross-sell audiences")
class MerchandisingApi {
    private final MarketBaskets baskets;
    private final CrossSellSegments crossSell;
    private final PriceResponses prices;
    private final SalesExplorer explorer;
    private final Clock clock;

    MerchandisingApi(
            MarketBaskets baskets,
            CrossSellSegments crossSell,
            PriceResponses prices,
            SalesExplorer explorer,
            Clock clock) {
        this.baskets = baskets;
        this.crossSell = crossSell;
        this.prices = prices;
        this.explorer = explorer;
        this.clock = clock;
    }

    @GetMapping("/api/v1/merchandising/sales")
    @Operation(
            summary = "Sales pivoted by two dimensions, every measure per cell, with row, column and grand totals",
            description = "rows, columns: BRAND, MODEL, CATEGORY, PRICE_BAND, STORE, REGION, SALESPERSON, GRADE (the"
                    + " card holder's value grade in the latest scoring run, '–' without one), SEGMENT (MEMBER or"
                    + " NON_MEMBER of the saved segment named by segment), DAY, WEEK, MONTH, QUARTER or YEAR; from,"
                    + " to: days, inclusive (default the 365 days to today); stores: store codes (default all the"
                    + " caller may see; a store manager only theirs); filter: DIMENSION:value, repeatable (at most 6),"
                    + " only the lines with that value (a drill's path); compare=true adds the same days a year"
                    + " before. Measures: revenue, grossProfit, margin, units, receipts, averageBasket, customers,"
                    + " returns. customers=false answers from the rollup by day and month where the dimensions"
                    + " allow (not GRADE, SEGMENT or MODEL, at most one of BRAND, CATEGORY and PRICE_BAND and then"
                    + " not SALESPERSON): the same figures, fast, with customers null"
                    + " (distinct card holders are not kept per day or month); source says ROLLUP or"
                    + " LINES. No receipt in the range: 400 naming from.")
    SalesExplorer.Pivot sales(
            @RequestParam(required = false) @Nullable String rows,
            @RequestParam(required = false) @Nullable String columns,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable List<String> stores,
            @RequestParam(required = false) @Nullable String segment,
            @RequestParam(required = false) @Nullable List<String> filter,
            @RequestParam(required = false) @Nullable String compare,
            @RequestParam(required = false) @Nullable String customers) {
        return explorer.pivot(
                new SalesExplorer.Question(rows, columns, from, to, stores, segment, filter),
                "true".equalsIgnoreCase(compare),
                !"false".equalsIgnoreCase(customers));
    }

    @GetMapping("/api/v1/merchandising/price-response")
    @Operation(
            summary = "A product's or a category's price elasticity from its receipts, and what a price would give",
            description = "product: a SKU, or category: a category (one of the two); from, to: days (default the two"
                    + " years to today); period: DAY, WEEK (default) or MONTH; cost: the unit cost (default the"
                    + " product's, or the category's units-weighted mean); low, high: the price range of the"
                    + " suggestion and the what-if curve (default the prices seen, widened to the list price); price:"
                    + " a price to answer expected units, revenue and profit for (whatIf). A category is priced as one"
                    + " average product: its listPrice is the units-weighted mean list price, a period's price the"
                    + " share of list price paid times that mean. status ESTIMATED with the elasticity and its 95%"
                    + " interval, or NOT_ENOUGH_VARIATION with the reason. No sale in the range: 400 naming from.")
    PriceResponses.Response priceResponse(
            @RequestParam(required = false) @Nullable String product,
            @RequestParam(required = false) @Nullable String category,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String period,
            @RequestParam(required = false) @Nullable String cost,
            @RequestParam(required = false) @Nullable String low,
            @RequestParam(required = false) @Nullable String high,
            @RequestParam(required = false) @Nullable String price) {
        return prices.of(new PriceResponses.Question(product, category, from, to, period, cost, low, high, price));
    }

    /** A rule's two sides as a cross-sell audience; from and to bound when the first side was bought. */
    record CrossSellRequest(
            @Nullable String level,
            @Nullable List<String> bought,
            @Nullable List<String> notBought,
            @Nullable String from,
            @Nullable String to) {}

    @PostMapping("/api/v1/merchandising/cross-sell-segments")
    @Operation(
            summary = "Save the customers who bought one side of a rule but never the other as a dynamic segment",
            description = "level: PRODUCT, BRAND or CATEGORY; bought and notBought: 1 to 5 SKUs, brands or categories"
                    + " each, known and not on both sides; from, to: the days the first side was bought in (default"
                    + " the 365 days to today). 201 with the segment, or 200 with the equal segment a retry made"
                    + " before; 409 when another segment has the name.")
    ResponseEntity<SavedSegment> crossSell(@RequestBody CrossSellRequest request) {
        CrossSellSegments.Created created =
                crossSell.create(request.level(), request.bought(), request.notBought(), request.from(), request.to());
        return ResponseEntity.status(created.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(created.segment());
    }

    @GetMapping("/api/v1/merchandising/sales/receipts")
    @Operation(
            summary = "The receipts of one cell of the sales pivot, oldest first, with their lines",
            description = "rows, row: the row dimension and its value; columns, column: the column dimension and its"
                    + " value; from, to, stores, segment, filter as for the pivot; page (from 0), size (1 to 100,"
                    + " default 50). Each receipt with the amount and units of its lines in the cell, and all its"
                    + " lines.")
    io.clientele.platform.PageResult<SalesExplorer.Receipt> salesReceipts(
            @RequestParam(required = false) @Nullable String rows,
            @RequestParam(required = false) @Nullable String row,
            @RequestParam(required = false) @Nullable String columns,
            @RequestParam(required = false) @Nullable String column,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable List<String> stores,
            @RequestParam(required = false) @Nullable String segment,
            @RequestParam(required = false) @Nullable List<String> filter,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return explorer.receipts(
                new SalesExplorer.Question(rows, columns, from, to, stores, segment, filter), row, column, page, size);
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
