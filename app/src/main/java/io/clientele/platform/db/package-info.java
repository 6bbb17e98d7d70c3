/** Finding or starting the PostgreSQL this process uses, and what every feature's SQL shares: COPY rows, times. */
@NullMarked
package io.clientele.platform.db;

import org.jspecify.annotations.NullMarked;
