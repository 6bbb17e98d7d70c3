/**
 * Surveys and questionnaires: definitions with ordered questions in English and Chinese, personal links signed and
 * encrypted per customer, survey and send (merged into campaign messages as {@code {{survey_link.<key>}}}), the public
 * page customers answer on without signing in, answers stored per question (aspect ratings also fed to the scoring
 * run's satisfaction through {@code ingest.SatisfactionAnswers}), each response on the customer's timeline and
 * published as {@link io.clientele.survey.SurveyAnswered} after commit, segment conditions on answers, and results
 * per survey (response rate, distributions, NPS and mean ratings with confidence intervals, free texts).
 */
@ApplicationModule(allowedDependencies = {"customer", "ingest", "platform", "segment"})
@OwnsTables({
    "survey",
    "survey_question",
    "survey_secret",
    "survey_invitation",
    "survey_response",
    "survey_response_answer"
})
@NullMarked
package io.clientele.survey;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
