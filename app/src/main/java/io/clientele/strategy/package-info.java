/**
 * Acting on the insight: the customers behind any figure of the insight pages as a segment condition, and what is
 * made of them — a dynamic segment, a draft campaign or journey on it, an export, and for the one-to-one classes of
 * the 3x3 matrix account managers assigned in bulk; and the nine classes' playbooks with what has been done on each.
 */
@ApplicationModule(
        allowedDependencies = {
            "audit",
            "campaign",
            "campaign :: audience",
            "customer",
            "identity",
            "insight",
            "journey",
            "platform",
            "segment"
        })
@OwnsTables({"owner_assignment", "class_playbook"})
@NullMarked
package io.clientele.strategy;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
