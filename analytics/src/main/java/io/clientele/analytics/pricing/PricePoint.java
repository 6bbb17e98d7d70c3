package io.clientele.analytics.pricing;

/** What a price is expected to give over one period of the estimate: units, revenue and profit after unit cost. */
public record PricePoint(double price, double units, double revenue, double profit) {}
