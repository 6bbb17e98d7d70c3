package io.clientele.demo.generator;

/**
 * A receipt line priced at the product's list price; {@code discountCents} is the line's whole discount
 * (promotion plus coupon). On a return, quantity and discount are negative so that the amount is the negation of
 * the sold line's.
 *
 * @param coupon the redeemed coupon, or null
 */
record SaleLine(Product product, int quantity, long discountCents, Coupon coupon) {
    long amountCents() {
        return quantity * product.priceCents() - discountCents;
    }

    SaleLine reversed() {
        return new SaleLine(product, -quantity, -discountCents, coupon);
    }
}
