package io.clientele.forms;

import java.time.Instant;

/**
 * Published inside the transaction that stored a new submission of a public form (not a retried one), so that a
 * listener acting on it (a journey entered by the form) commits with it or not at all.
 */
public record FormSubmitted(long formId, long customerId, Instant submittedAt) {}
