/** The audit trail: who changed what and when, written by every feature and never changed afterwards. */
@NullMarked
package io.clientele.audit;

import org.jspecify.annotations.NullMarked;
