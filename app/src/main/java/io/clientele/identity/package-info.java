/**
 * People and integrations: users and their roles, sign-in, API tokens and their scopes, the security rules of pages
 * and API, the administration pages, and the first administrator of a database without users.
 */
@ApplicationModule(allowedDependencies = {"platform"})
@OwnsTables({"app_user", "api_token"})
@NullMarked
package io.clientele.identity;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
