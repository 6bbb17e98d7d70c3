/**
 * The audience index: the segment summary read into memory (coded, scaled and sliced columns over customer positions,
 * as each field's description says) and the kernels a condition's leaves select with; exact by the same marks as the
 * summary.
 */
@NullMarked
package io.clientele.segment.audience;

import org.jspecify.annotations.NullMarked;
