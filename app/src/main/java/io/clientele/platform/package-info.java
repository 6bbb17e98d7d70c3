/**
 * What every feature stands on: the database (embedded or external), the web shell, the {@code serve}
 * command. A shared module: features may use its public types.
 */
@ApplicationModule(
        type = ApplicationModule.Type.OPEN,
        allowedDependencies = {})
@OwnsTables({})
@NullMarked
package io.clientele.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
