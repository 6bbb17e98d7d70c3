package io.clientele.segment;

import java.util.Map;

/**
 * A condition compiled to SQL: a predicate over {@link #FROM} and its parameters, named for Spring's
 * {@code JdbcClient}. Every SQL word comes from the compiler and the fields' descriptions; every value of the
 * condition is a bind parameter.
 */
public record SegmentPredicate(String where, Map<String, Object> params) {
    /** The base the predicate applies to; {@code :run} is the scoring run whose scores apply (or -1). */
    public static final String FROM =
            " from customer c left join customer_score s on s.customer_id = c.id and s.run_id = :run";
}
