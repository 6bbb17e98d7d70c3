/**
 * The channels that are not sent by a server: call-centre lists assigned to agents with their screen, direct-mail letters exported for print, and personal in-store coupon codes redeemed by POS receipts.
 */
@NullMarked
package io.clientele.campaign.channel;

import org.jspecify.annotations.NullMarked;
