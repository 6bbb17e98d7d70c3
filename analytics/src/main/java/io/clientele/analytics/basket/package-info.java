/**
 * Market baskets: frequent itemsets by FP-Growth and the association rules between them, with support, confidence,
 * lift and conviction as arules and mlxtend define them. Item codes in, rules out.
 */
@NullMarked
package io.clientele.analytics.basket;

import org.jspecify.annotations.NullMarked;
