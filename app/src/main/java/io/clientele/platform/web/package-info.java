/**
 * The web shell: layout model, locale, formats, flash messages, form errors, API errors as problem details, the
 * OpenAPI document.
 */
@NullMarked
package io.clientele.platform.web;

import org.jspecify.annotations.NullMarked;
