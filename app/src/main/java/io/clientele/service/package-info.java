/**
 * Service: requests and complaints (queues, routing rules, SLA targets per priority, escalation of breached ones,
 * internal notes and replies sent by email in the customer's thread, mail read from the support mailbox, merge of
 * duplicates, a satisfaction rating after resolution), on the customer's page and timeline. See docs/service.md.
 */
@ApplicationModule(allowedDependencies = {"audit", "customer", "identity", "platform"})
@OwnsTables({"service_queue", "service_queue_agent", "service_rule", "service_sla", "service_request", "service_message"
})
@NullMarked
package io.clientele.service;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
