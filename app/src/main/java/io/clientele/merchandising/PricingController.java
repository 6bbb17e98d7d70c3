package io.clientele.merchandising;

import io.clientele.analytics.pricing.ElasticityEstimate;
import io.clientele.analytics.pricing.PriceElasticity;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.web.FormErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The price what-if page: a product or a category, its elasticity with the interval (or why there is none), the
 * profit curve over a price range with the profit-maximising price marked, and a price's expected units, revenue
 * and profit; and below, each campaign coupon's discount depth against its uplift.
 */
@Controller
class PricingController {
    private final PriceResponses prices;
    private final CouponUplifts coupons;
    private final JdbcClient jdbc;

    PricingController(PriceResponses prices, CouponUplifts coupons, JdbcClient jdbc) {
        this.prices = prices;
        this.coupons = coupons;
        this.jdbc = jdbc;
    }

    @GetMapping("/merchandising/prices")
    String page(
            @RequestParam(required = false) @Nullable String level,
            @RequestParam(required = false) @Nullable String product,
            @RequestParam(required = false) @Nullable String category,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String period,
            @RequestParam(required = false) @Nullable String cost,
            @RequestParam(required = false) @Nullable String low,
            @RequestParam(required = false) @Nullable String high,
            @RequestParam(required = false) @Nullable String price,
            Model page) {
        boolean byCategory = "CATEGORY".equals(level);
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("level", byCategory ? "CATEGORY" : "PRODUCT");
        form.put("product", product == null ? "" : product);
        form.put("category", category == null ? "" : category);
        form.put("from", from == null ? "" : from);
        form.put("to", to == null ? "" : to);
        form.put("period", period == null ? "" : period);
        form.put("cost", cost == null ? "" : cost);
        form.put("low", low == null ? "" : low);
        form.put("high", high == null ? "" : high);
        form.put("price", price == null ? "" : price);
        page.addAttribute("form", form);
        page.addAttribute("periods", PriceResponses.Period.values());
        page.addAttribute("products", products());
        page.addAttribute("categories", categories());
        page.addAttribute("response", null);
        page.addAttribute(FormErrors.ATTRIBUTE, FormErrors.NONE);
        // the coupons of the last two years, whatever is priced above: campaigns' evidence of price response
        page.addAttribute("coupons", coupons.of(null, null));
        boolean asked = byCategory ? category != null : product != null;
        if (asked) {
            try {
                PriceResponses.Response response = prices.of(new PriceResponses.Question(
                        byCategory ? null : product,
                        byCategory ? category : null,
                        from,
                        to,
                        period,
                        cost,
                        low,
                        high,
                        price));
                page.addAttribute("response", response);
                page.addAttribute("reason", reason(response));
            } catch (InvalidInputException e) {
                page.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.problems()));
            }
        }
        return "merchandising/prices";
    }

    /** Why there is no estimate, as a message key and its arguments (the estimate's own reason is English). */
    static @Nullable List<Object> reason(PriceResponses.Response response) {
        if (!(response.estimate() instanceof ElasticityEstimate.NotEnoughVariation none)) return null;
        if (none.observations() < PriceElasticity.MIN_OBSERVATIONS) {
            return List.of("price.reason.periods", none.observations(), PriceElasticity.MIN_OBSERVATIONS);
        }
        if (none.distinctPrices() < PriceElasticity.MIN_DISTINCT_PRICES) {
            return List.of("price.reason.prices", none.distinctPrices(), PriceElasticity.MIN_DISTINCT_PRICES);
        }
        return List.of("price.reason.spread", Math.round(100 * PriceElasticity.MIN_PRICE_SPREAD));
    }

    /** The products to choose from, by SKU. */
    private List<Map<String, String>> products() {
        return jdbc.sql("select sku, name from product order by sku")
                .query((rs, n) -> Map.of("sku", rs.getString(1), "name", rs.getString(2)))
                .list();
    }

    private List<String> categories() {
        return jdbc.sql("select distinct category from product order by 1")
                .query(String.class)
                .list();
    }
}
