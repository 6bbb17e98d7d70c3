/**
 * Campaigns: the plan with its budget, objectives and owner, the approval workflow whose every transition is kept,
 * and (to come) steps, materials, audiences and execution with responses fed back.
 */
@NullMarked
package io.clientele.campaign;

import org.jspecify.annotations.NullMarked;
