/**
 * The audience of a campaign: segments in and out, consent, suppression lists, the contact-pressure policy and the control group, frozen into each step's members at launch with every exclusion's reason.
 */
@NamedInterface("audience")
@NullMarked
package io.clientele.campaign.audience;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
