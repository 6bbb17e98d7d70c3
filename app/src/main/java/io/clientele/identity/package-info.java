/** People and integrations: sign-in, roles, API tokens and what each may do. */
@NullMarked
package io.clientele.identity;

import org.jspecify.annotations.NullMarked;
