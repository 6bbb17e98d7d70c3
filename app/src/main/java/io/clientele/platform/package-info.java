/**
 * What every feature stands on: the database (embedded or external) and bulk COPY ({@code db}), the web shell
 * ({@code web}), the {@code serve} command and the command context, paging, input errors, who is acting, and
 * {@link io.clientele.platform.OwnsTables}. A shared module: features may use its public types.
 */
@ApplicationModule(
        type = ApplicationModule.Type.OPEN,
        allowedDependencies = {})
@OwnsTables({})
@NullMarked
package io.clientele.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
