/**
 * The demo data set: a seeded generator of stores, products, customers, two years of receipts, survey answers and
 * complaints with planted truths (docs/demo-data.md), two surveys with answers, campaign costs and a closed settlement
 * for the ROI pages, the journey "Coffee beans trial" running with customers along it, leads and opportunities in
 * every stage of the pipeline, a service desk with requests in every status (one past its SLA) and a knowledge base
 * in English and Chinese, a supplier funding double points on its brands with a settled month, salespeople's targets
 * with one planted far above, public forms (a newsletter sign-up, an inquiry form) and a seminar with two sessions,
 * registrations and check-ins, {@code ./clientele generate}, and the start-up loader that fills
 * an empty database through the features that own the tables, with the demo users. Owns no table.
 */
@ApplicationModule(
        allowedDependencies = {
            "campaign",
            "campaign :: material",
            "campaign :: send",
            "campaign :: response",
            "campaign :: audience",
            "customer",
            "forms",
            "identity",
            "ingest",
            "insight",
            "journey",
            "loyalty",
            "membercomms",
            "merchandising",
            "platform",
            "service",
            "roi",
            "sales",
            "segment",
            "supplier",
            "survey"
        })
@OwnsTables({})
@NullMarked
package io.clientele.demo;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
