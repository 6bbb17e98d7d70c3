/**
 * People and integrations: users and their roles, sign-in, API tokens and their scopes, the security rules of pages
 * and API, the administration pages, the first administrator of a database without users, and the protection of
 * sign-in (throttling, lockouts, a second factor) and of the API (rate limits per token).
 */
@ApplicationModule(allowedDependencies = {"platform", "audit"})
@OwnsTables({"app_user", "api_token", "login_throttle", "app_user_scope"})
@NullMarked
package io.clientele.identity;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
