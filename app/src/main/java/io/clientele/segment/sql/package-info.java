/**
 * The SQL path of a count: a condition compiled to a parameterised predicate, over the base tables (the plain query,
 * always right) or over one row of the segment summary, each leaf written from its field's description.
 */
@NullMarked
package io.clientele.segment.sql;

import org.jspecify.annotations.NullMarked;
