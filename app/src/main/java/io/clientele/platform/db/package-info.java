/** Finding or starting the PostgreSQL this process uses. */
@NullMarked
package io.clientele.platform.db;

import org.jspecify.annotations.NullMarked;
