/**
 * The demo data set: a seeded generator of stores, products, customers and two years of receipts with planted
 * truths (docs/demo-data.md), {@code ./clientele generate}, and the loader that fills an empty database.
 */
@ApplicationModule(allowedDependencies = {"customer", "identity", "ingest", "insight", "platform"})
@OwnsTables({})
@NullMarked
package io.clientele.demo;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
