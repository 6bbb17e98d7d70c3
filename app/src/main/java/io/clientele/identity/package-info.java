/** People and integrations: sign-in, roles, API tokens and what each may do. */
@ApplicationModule(allowedDependencies = {"platform"})
@OwnsTables({"app_user", "api_token"})
@NullMarked
package io.clientele.identity;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
