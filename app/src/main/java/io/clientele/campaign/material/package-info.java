/**
 * The materials library of campaigns: email templates, SMS texts, call-centre scripts and direct-mail letters, each
 * saved as a new version, personalised with a small placeholder language that reaches no code.
 */
@NamedInterface("material")
@NullMarked
package io.clientele.campaign.material;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
