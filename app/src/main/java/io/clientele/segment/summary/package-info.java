/**
 * The segment summary: {@code segment_customer}, one row per customer whose columns are the registered fields'
 * storage, rebuilt and folded by one statement built from their descriptions; customers changed since are marked by
 * triggers and read from the base tables, so a count through it is exact whatever its age.
 */
@NullMarked
package io.clientele.segment.summary;

import org.jspecify.annotations.NullMarked;
