/**
 * The demo data set: a seeded generator of stores, products, customers and two years of receipts with planted
 * truths (docs/demo-data.md), {@code ./clientele generate}, and the loader that fills an empty database.
 */
@NullMarked
package io.clientele.demo;

import org.jspecify.annotations.NullMarked;
