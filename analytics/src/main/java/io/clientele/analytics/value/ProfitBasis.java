package io.clientele.analytics.value;

/**
 * Which profit ranks customers into grades, the pyramid and the Pareto curve: {@code GROSS} (revenue − cost of goods)
 * or {@code NET} (gross − the customer's share of direct and allocated marketing costs).
 */
public enum ProfitBasis {
    GROSS,
    NET
}
