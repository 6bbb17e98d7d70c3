/** The web shell: layout model, locale, error pages. */
@NullMarked
package io.clientele.platform.web;

import org.jspecify.annotations.NullMarked;
