/**
 * Member communications (docs/loyalty.md, "Member communications"): six triggered programmes for loyalty members —
 * welcome, monthly points statement, points about to expire, tier change, birthday greeting with bonus points, member
 * newsletter — each a campaign of kind PROGRAMME that a manager approves once and that then runs by itself: its
 * occasions are found in the loyalty tables (read by SQL, prompted by loyalty's {@code MemberJoined} and
 * {@code TiersChanged} after they commit), recorded once per member and occasion ({@code member_message}, the
 * once-only key) and admitted to a step of the programme's campaign, which sends them with the campaign's consent,
 * suppression and contact-pressure rules; the loyalty placeholders for materials; the page under {@code
 * /loyalty/communications} and {@code /api/v1/loyalty/communications}.
 */
@ApplicationModule(
        allowedDependencies = {
            "audit",
            "campaign",
            "campaign :: audience",
            "campaign :: material",
            "customer",
            "loyalty",
            "platform"
        })
@OwnsTables({"member_programme", "member_message"})
@NullMarked
package io.clientele.membercomms;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
