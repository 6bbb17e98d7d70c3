/** Customer analytics in plain Java: no Spring, no SQL, no I/O. The app feeds arrays and stores results. */
@NullMarked
package io.clientele.analytics;

import org.jspecify.annotations.NullMarked;
