package io.clientele.merchandising;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Merchandising", description = "Market baskets: what sells with what, and cross-sell audiences")
class PricingApi {
    private final CouponUplifts coupons;

    PricingApi(CouponUplifts coupons) {
        this.coupons = coupons;
    }

    @GetMapping("/api/v1/merchandising/coupon-uplift")
    @Operation(
            summary = "Discount depth against uplift for each campaign coupon step, newest first",
            description = "from, to: the days the steps were frozen in (default the two years to today). Per step:"
                    + " treated and control members, redeemers and the redemption rate, depth (the redeemed lines'"
                    + " discount over their list value; null without a redemption), and the uplift in mean net spend"
                    + " per treated member over the coupon's window (freezing to the last valid day, or 30 days):"
                    + " measure CONTROL, against the control group's mean, where the step has one; BASELINE, against"
                    + " the members' own mean over as many days before, where it has not. lower, upper: its 95%"
                    + " interval; relative: uplift / the comparison's mean.")
    CouponUplifts.Result couponUplift(
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to) {
        return coupons.of(from, to);
    }
}
