/**
 * Journeys: campaigns whose steps form a directed graph (entry, send, wait, decision, split, action, goal, exit),
 * validated before submission and approved with the plan; and their execution, a durable state machine per customer
 * (position, path) advanced in set-based batches, whose sends are the campaign's steps, admitted as customers arrive
 * (entered by a segment, a purchase, a birthday, a survey answer or a public form sent).
 */
@ApplicationModule(allowedDependencies = {"campaign", "customer", "forms", "platform", "sales", "segment", "survey"})
@OwnsTables({
    "journey_version",
    "journey_node",
    "journey_edge",
    "journey_position",
    "journey_path",
    "journey_survey_answer",
    "journey_form_submission"
})
@NullMarked
package io.clientele.journey;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
