/**
 * Service: requests and complaints (queues, routing rules, SLA targets per priority, escalation of breached ones,
 * internal notes and replies sent by email in the customer's thread, mail read from the support mailbox, merge of
 * duplicates, a satisfaction rating after resolution), on the customer's page and timeline; the knowledge base (FAQ
 * and classic cases, versions, search in English and Chinese, the public FAQ page). See docs/service.md.
 */
@ApplicationModule(allowedDependencies = {"audit", "customer", "identity", "insight", "platform"})
@OwnsTables({
    "service_queue",
    "service_queue_agent",
    "service_rule",
    "service_sla",
    "service_request",
    "service_message",
    "kb_article",
    "kb_article_version",
    "kb_term",
    "kb_term_df",
    "service_request_article"
})
@NullMarked
package io.clientele.service;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
