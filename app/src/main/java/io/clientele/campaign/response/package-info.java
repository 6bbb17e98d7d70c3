/**
 * What comes back from campaigns: signed tracking links (open pixel, click redirect, one-click unsubscribe), bounces, call outcomes and coupon redemptions, recorded once and put on the customer's timeline.
 */
@NamedInterface("response")
@NullMarked
package io.clientele.campaign.response;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
