/**
 * Sending campaign steps: workers claim pending members (at most once per step and customer, also across workers and restarts), render the material and hand it to the channel (SMTP, the SMS gateway, or the outbox), throttled per channel.
 */
@NamedInterface("send")
@NullMarked
package io.clientele.campaign.send;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
