/** Seeded samplers for the distributions behind repeat-buying models, used to simulate customers. */
@NullMarked
package io.clientele.analytics.random;

import org.jspecify.annotations.NullMarked;
